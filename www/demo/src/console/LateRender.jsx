//! Forms in the real console arrive after an async load; so do the demo's, so that whoever
//! watches the page must cope with late rendering.
import React, { useEffect, useState } from 'react';
import { Spin } from '@kdcloudjs/kdesign';
import { formDelayMs } from './env.js';

export default function LateRender({ children }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setReady(true), formDelayMs());
    return () => clearTimeout(timer);
  }, []);
  if (!ready) {
    return (
      <div className="form-loading">
        <Spin type="container" />
      </div>
    );
  }
  return children;
}

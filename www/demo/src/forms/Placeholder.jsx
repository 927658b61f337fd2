//! Menu entries the demo does not model: an empty page, like a form without data.
import React from 'react';
import { Empty } from '@kdcloudjs/kdesign';

export default function Placeholder({ title }) {
  return (
    <div className="form-page">
      <div className="form-toolbar">
        <span className="form-title">{title}</span>
      </div>
      <Empty description="演示环境未提供此功能" />
    </div>
  );
}

//! What the page's own framework believes, for tests: JSON of the form's React state as of
//! its last 保存 (or 确定). Tests read this instead of the DOM controls. `data-form` tells
//! forms apart when several tabs are open.
import React from 'react';

export default function SubmittedState({ form, state }) {
  return (
    <pre className="submitted-state" data-testid="submitted-state" data-form={form}>
      {JSON.stringify(state)}
    </pre>
  );
}

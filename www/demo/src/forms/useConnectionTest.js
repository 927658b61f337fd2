//! 连接测试 on the demo's auth forms: asks the demo's stand-in service (console/piaozone.js)
//! with what is entered now, shows its answer as the console does (a KDesign message: success
//! or error toast) and records it for tests in a hidden element's attribute, never as page text
//! (the helper reads the console's own words: only the toast should carry them).
import React, { useCallback, useState } from 'react';
import { Message } from '@kdcloudjs/kdesign';
import { connectionTest } from '../console/piaozone.js';

/** `ask()` → the answer's `{ok, message}`; `record` is `{tests, ok, message}` of the last. */
export function useConnectionTest(question) {
  const [record, setRecord] = useState({ tests: 0, ok: null, message: '' });
  const run = useCallback(() => {
    const answer = connectionTest(question());
    setRecord((r) => ({ tests: r.tests + 1, ...answer }));
    if (answer.ok) Message.success(answer.message);
    else Message.error(answer.message);
    return answer;
  }, [question]);
  return { run, record };
}

/** The last 连接测试 answer, for tests: `data-result` JSON, hidden from people and collectors. */
export function ConnectionTestRecord({ form, record }) {
  return <div hidden data-testid="connection-test" data-form={form} data-result={JSON.stringify(record)} />;
}

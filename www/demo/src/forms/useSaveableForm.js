//! State shared by the demo's simple forms: controlled values (React state, initialised from
//! `&prefill=`), required-field validation on 保存, and the submitted state tests read.
import { useCallback, useState } from 'react';
import { Message } from '@kdcloudjs/kdesign';
import { prefillFor } from '../console/env.js';

/**
 * @param {string[]} labels field labels, also the keys of the state
 * @param {string[]} required labels that 保存 insists on
 * @param {object} defaults initial values before prefill
 */
export function useSaveableForm(labels, required, defaults = {}) {
  const [values, setValues] = useState(() => {
    const blank = Object.fromEntries(labels.map((l) => [l, defaults[l] ?? '']));
    return { ...blank, ...prefillFor(labels) };
  });
  const [submitted, setSubmitted] = useState({ saved: false, saves: 0, missing: [], values: null });
  const [showErrors, setShowErrors] = useState(false);

  const setField = useCallback((label, value) => setValues((v) => ({ ...v, [label]: value })), []);

  const isEmpty = (value) => value === undefined || value === null || String(value).trim() === '';
  const missing = required.filter((label) => isEmpty(values[label]));

  const save = useCallback(() => {
    setShowErrors(true);
    setSubmitted((s) => ({ saved: missing.length === 0, saves: s.saves + 1, missing, values }));
    if (missing.length === 0) Message.success('保存成功');
    else Message.error(`请填写必录项：${missing.join('、')}`);
  }, [missing, values]);

  const errorFor = (label) => (showErrors && missing.includes(label) ? 'error' : undefined);
  /** Props of a controlled KDesign Input bound to `label`. */
  const textProps = (label) => ({
    value: values[label],
    status: errorFor(label),
    onChange: (e) => setField(label, e.target.value),
  });
  return { values, setField, save, submitted, missing: showErrors ? missing : [], errorFor, textProps };
}

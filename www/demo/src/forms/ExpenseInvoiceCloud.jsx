//! 费报 发票云配置 (财务云 → 费用核算 → 发票设置, guide 001 §四): the same three credentials under
//! other names (发票云授权标识 = Client id, 客户端标识 = Client Secret, 接入标识 = Encrypt Key),
//! per 组织 with its 企业税号 and 企业工商登记名. 连接测试 uses the url last saved in
//! 发票云授权配置 (production until then).
import React, { useCallback } from 'react';
import { Button } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import { serviceUrl } from '../console/piaozone.js';
import FormToolbar from './FormToolbar.jsx';
import Fields, { MissingAlert } from './Fields.jsx';
import { ConnectionTestRecord, useConnectionTest } from './useConnectionTest.js';
import { useSaveableForm } from './useSaveableForm.js';

export const ORGANISATIONS = ['金蝶演示科技', '金蝶演示贸易', '金蝶演示集团'];

const FIELDS = [
  { label: '组织', type: 'select', options: ORGANISATIONS, required: true },
  { label: '企业税号', required: true },
  { label: '企业工商登记名', required: true },
  { label: '发票云授权标识', required: true },
  { label: '客户端标识', type: 'password', required: true },
  { label: '接入标识', type: 'password', required: true },
];
const LABELS = FIELDS.map((f) => f.label);
const REQUIRED = FIELDS.filter((f) => f.required).map((f) => f.label);
const FORM = '发票云配置';

export default function ExpenseInvoiceCloud({ title, tabKey }) {
  const form = useSaveableForm(LABELS, REQUIRED);
  const { values } = form;
  const question = useCallback(
    () => ({
      level: 'enterprise',
      url: serviceUrl(),
      clientId: values['发票云授权标识'],
      clientSecret: values['客户端标识'],
      encryptKey: values['接入标识'],
    }),
    [values],
  );
  const { run, record } = useConnectionTest(question);
  return (
    <section className="form-page" role="form" aria-label={title}>
      <FormToolbar title={title} tabKey={tabKey} onSave={form.save}>
        <Button onClick={run}>连接测试</Button>
      </FormToolbar>
      <div className="form-section-title">基本信息 · 发票云配置项</div>
      <Fields fields={FIELDS} form={form} />
      <MissingAlert missing={form.missing} />
      <SubmittedState form={FORM} state={form.submitted} />
      <ConnectionTestRecord form={FORM} record={record} />
    </section>
  );
}

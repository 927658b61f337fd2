//! 发票云授权配置 (星瀚: 发票云 → 系统管理) and 发票服务授权配置 (星空旗舰版: 发票服务 → 系统管理):
//! one form under two titles (guides 000 §三, 001 §二). 保存 keeps what is entered; 连接测试 asks
//! the demo's stand-in service with what is entered now and shows its answer as a toast.
import React, { useCallback } from 'react';
import { Button } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import { rememberServiceUrl } from '../console/piaozone.js';
import FormToolbar from './FormToolbar.jsx';
import Fields, { MissingAlert } from './Fields.jsx';
import { ConnectionTestRecord, useConnectionTest } from './useConnectionTest.js';
import { useSaveableForm } from './useSaveableForm.js';

const FIELDS = [
  { label: 'url', required: true, placeholder: '正式环境/测试环境地址' },
  { label: '代理', placeholder: '如 172.18.1.1:10086，没有则不配' },
  { label: '是否使用原授权', type: 'select', options: ['是', '否'], required: true },
  { label: 'Client id', required: true },
  { label: 'Client Secret', type: 'password', required: true },
  { label: 'Encrypt Key', type: 'password', required: true },
];
const LABELS = FIELDS.map((f) => f.label);
const REQUIRED = FIELDS.filter((f) => f.required).map((f) => f.label);

export default function InvoiceCloudAuth({ title, tabKey }) {
  const form = useSaveableForm(LABELS, REQUIRED);
  const { values } = form;
  const question = useCallback(
    () => ({
      level: 'enterprise',
      url: values.url,
      proxy: values['代理'],
      clientId: values['Client id'],
      clientSecret: values['Client Secret'],
      encryptKey: values['Encrypt Key'],
    }),
    [values],
  );
  const { run, record } = useConnectionTest(question);
  const save = () => {
    form.save();
    rememberServiceUrl(values.url);
  };
  return (
    <section className="form-page" role="form" aria-label={title}>
      <FormToolbar title={title} tabKey={tabKey} onSave={save}>
        <Button onClick={run}>连接测试</Button>
      </FormToolbar>
      <div className="form-section-title">授权信息</div>
      <Fields fields={FIELDS} form={form} />
      <MissingAlert missing={form.missing} />
      <SubmittedState form={title} state={form.submitted} />
      <ConnectionTestRecord form={title} record={record} />
    </section>
  );
}

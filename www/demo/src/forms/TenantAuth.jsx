//! 数电配置 (发票云 → 基础资料 → 企业管理) and its 维护租户授权信息 page (guide 001 §三, 发票云
//! V8.0+): the tenant-level credentials (ClientID starting TN_). 连接测试 tests them against the
//! url last saved in 发票云授权配置 (production until then).
import React, { useCallback, useContext } from 'react';
import { Button, Empty } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';
import SubmittedState from '../console/SubmittedState.jsx';
import { serviceUrl } from '../console/piaozone.js';
import LateRender from '../console/LateRender.jsx';
import FormToolbar from './FormToolbar.jsx';
import Fields, { MissingAlert } from './Fields.jsx';
import { ConnectionTestRecord, useConnectionTest } from './useConnectionTest.js';
import { useSaveableForm } from './useSaveableForm.js';

const TITLE = '维护租户授权信息';
const FIELDS = [
  { label: '租户名称' },
  { label: '授权账号', required: true },
  { label: '授权密钥', type: 'password', required: true },
  { label: '加密key', type: 'password', required: true },
  { label: '发票云租户授权标识' },
];
const LABELS = FIELDS.map((f) => f.label);
const REQUIRED = FIELDS.filter((f) => f.required).map((f) => f.label);

export function TenantAuthForm({ tabKey }) {
  const form = useSaveableForm(LABELS, REQUIRED);
  const { values } = form;
  const question = useCallback(
    () => ({
      level: 'tenant',
      url: serviceUrl(),
      clientId: values['授权账号'],
      clientSecret: values['授权密钥'],
      encryptKey: values['加密key'],
    }),
    [values],
  );
  const { run, record } = useConnectionTest(question);
  return (
    <section className="form-page" role="form" aria-label={TITLE}>
      <FormToolbar title={TITLE} tabKey={tabKey} onSave={form.save}>
        <Button onClick={run}>连接测试</Button>
      </FormToolbar>
      <div className="form-section-title">租户授权信息</div>
      <Fields fields={FIELDS} form={form} />
      <MissingAlert missing={form.missing} />
      <SubmittedState form={TITLE} state={form.submitted} />
      <ConnectionTestRecord form={TITLE} record={record} />
    </section>
  );
}

/** 数电配置: the list page whose 维护租户授权信息 button opens the form in its own tab. */
export default function DigitalInvoiceSettings({ title }) {
  const { openTab } = useContext(ConsoleContext);
  const openTenantAuth = () =>
    openTab('tenant-auth', TITLE, () => (
      <LateRender>
        <TenantAuthForm tabKey="tenant-auth" />
      </LateRender>
    ));
  return (
    <div className="form-page">
      <div className="form-toolbar">
        <span className="form-title">{title}</span>
        <Button type="primary" onClick={openTenantAuth}>
          {TITLE}
        </Button>
        <Button>升级数电票</Button>
      </div>
      <Empty description="暂无已升级数电票的企业" />
    </div>
  );
}

//! 企业信息 (发票云 → 基础资料 → 企业管理, guides 000 §五, 001 §三): the list of imported
//! organisations; the blue 组织编码 opens 企业基础信息, where 企业名称 and 税号 must be exactly
//! the activated ones and 开收票通道 is 新电子服务平台 (except 乐企).
import React, { useContext } from 'react';
import { Button } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';
import SubmittedState from '../console/SubmittedState.jsx';
import LateRender from '../console/LateRender.jsx';
import FormToolbar from './FormToolbar.jsx';
import Fields, { MissingAlert } from './Fields.jsx';
import { useSaveableForm } from './useSaveableForm.js';

const TITLE = '企业基础信息';
export const CHANNELS = ['乐企', '新电子服务平台', '税控设备'];
const FIELDS = [
  { label: '组织编码', disabled: true },
  { label: '企业名称', required: true },
  { label: '税号', required: true },
  { label: '开收票通道', type: 'select', options: CHANNELS, required: true },
];
const LABELS = FIELDS.map((f) => f.label);
const REQUIRED = FIELDS.filter((f) => f.required).map((f) => f.label);
const ORGANISATION = { code: 'JDYS01', name: '金蝶演示科技' };

export function EnterpriseInfoForm({ tabKey }) {
  const form = useSaveableForm(LABELS, REQUIRED, { 组织编码: ORGANISATION.code });
  return (
    <section className="form-page" role="form" aria-label={TITLE}>
      <FormToolbar title={TITLE} tabKey={tabKey} onSave={form.save} />
      <div className="form-section-title">工商信息</div>
      <Fields fields={FIELDS} form={form} />
      <MissingAlert missing={form.missing} />
      <SubmittedState form={TITLE} state={form.submitted} />
    </section>
  );
}

export default function EnterpriseList({ title }) {
  const { openTab } = useContext(ConsoleContext);
  const openInfo = () =>
    openTab('enterprise-info', TITLE, () => (
      <LateRender>
        <EnterpriseInfoForm tabKey="enterprise-info" />
      </LateRender>
    ));
  return (
    <div className="form-page">
      <div className="form-toolbar">
        <span className="form-title">{title}</span>
        <Button>引入组织</Button>
      </div>
      <table className="demo-table">
        <thead>
          <tr>
            <th>组织编码</th>
            <th>组织名称</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <a className="demo-link" onClick={openInfo} role="link" tabIndex={0}>
                {ORGANISATION.code}
              </a>
            </td>
            <td>{ORGANISATION.name}</td>
            <td>已引入</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

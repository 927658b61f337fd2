//! The 影像系统's two settings pages (guide 002 §四): 对接业务系统配置 (EAS: 前缀地址, 数据中心编码,
//! SI 名称, the EAS user and password) and 企业授权配置 (the same enterprise creds as 收票).
import React from 'react';
import SubmittedState from '../console/SubmittedState.jsx';
import FormToolbar from './FormToolbar.jsx';
import Fields, { MissingAlert } from './Fields.jsx';
import { useSaveableForm } from './useSaveableForm.js';

const fieldsForm = (form, fields) => {
  const labels = fields.map((f) => f.label);
  const required = fields.filter((f) => f.required).map((f) => f.label);
  return function SettingsForm({ title, tabKey }) {
    const state = useSaveableForm(labels, required);
    return (
      <section className="form-page" role="form" aria-label={title}>
        <FormToolbar title={title} tabKey={tabKey} onSave={state.save} />
        <Fields fields={fields} form={state} />
        <MissingAlert missing={state.missing} />
        <SubmittedState form={form} state={state.submitted} />
      </section>
    );
  };
};

export const BUSINESS_SYSTEMS = ['EAS', '星瀚', '星空旗舰版'];

export const ImageBusinessSystem = fieldsForm('对接业务系统配置', [
  { label: '业务系统', type: 'select', options: BUSINESS_SYSTEMS, required: true },
  { label: '前缀地址', required: true, placeholder: 'http://IP:端口/ormrpc/services/' },
  { label: 'EAS数据中心编码', required: true },
  { label: 'EASSI名称', required: true },
  { label: 'EAS用户名', required: true },
  { label: 'EAS密码', type: 'password', required: true },
]);

export const ImageEnterpriseAuth = fieldsForm('企业授权配置', [
  { label: '企业税号', required: true },
  { label: '名称', required: true },
  { label: '授权客户ID', required: true },
  { label: 'secret', type: 'password', required: true },
  { label: 'encrypt_key', type: 'password', required: true },
]);

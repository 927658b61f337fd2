//! 发票回调配置 (发票服务 → 系统管理): the form the helper fills. Controlled KDesign inputs; the
//! 第三方应用 field is a searchable select acting as a basedata lookup whose options show code
//! and name, with near-miss codes next to the right one; its stored value is the code.
import React from 'react';
import { Form, Input, Select } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import FormToolbar from './FormToolbar.jsx';
import { useSaveableForm } from './useSaveableForm.js';

export const THIRD_PARTY_APPS = [
  { code: 'invoiceupload2', name: '发票上传测试' },
  { code: 'invoiceuploadx', name: '发票上传（旧）' },
  { code: 'invoiceupload', name: '第三方发票上传' },
  { code: 'kdtest', name: '测试应用' },
  { code: 'einvoice_sync', name: '电子发票同步' },
  { code: 'xh_openapi', name: '星瀚开放接口' },
];

const LABELS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];

const matches = (search, option) => {
  const wanted = String(search || '').trim().toLowerCase();
  return String(option.title || '').toLowerCase().includes(wanted);
};

export default function InvoiceCallback({ title, tabKey }) {
  const { values, setField, save, submitted, missing, errorFor, textProps } = useSaveableForm(LABELS, LABELS);

  return (
    <div className="form-page">
      <FormToolbar title={title} tabKey={tabKey} onSave={save} />
      <div className="form-section-title">连接参数</div>
      <Form className="form-grid" layout="horizontal" labelWidth={120} wrapperWidth={420}>
        <Form.Item name="f1" label="请求地址" required>
          <Input placeholder="例如 https://host/ierp/" {...textProps('请求地址')} />
        </Form.Item>
        <Form.Item name="f2" label="数据中心id" required>
          <Input {...textProps('数据中心id')} />
        </Form.Item>
        <Form.Item name="f3" label="第三方应用" required>
          <Select
            showSearch
            allowClear
            style={{ width: '100%' }}
            placeholder="请选择第三方应用"
            value={values['第三方应用'] || undefined}
            status={errorFor('第三方应用')}
            filterOption={matches}
            onChange={(value) => setField('第三方应用', value ?? '')}
          >
            {THIRD_PARTY_APPS.map((app) => (
              <Select.Option key={app.code} value={app.code} title={`${app.code} ${app.name}`}>
                {`${app.code} ${app.name}`}
              </Select.Option>
            ))}
          </Select>
        </Form.Item>
        <Form.Item name="f4" label="第三方应用密码" required>
          <Input type="password" autoComplete="new-password" {...textProps('第三方应用密码')} />
        </Form.Item>
        <Form.Item name="f5" label="网关" required>
          <Input {...textProps('网关')} />
        </Form.Item>
      </Form>
      {missing.length ? (
        <div className="form-errors" role="alert">
          请填写必录项：{missing.join('、')}
        </div>
      ) : null}
      <SubmittedState form="发票回调配置" state={submitted} />
    </div>
  );
}

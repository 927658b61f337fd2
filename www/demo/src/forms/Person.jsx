//! 人员 (基础服务云 → 组织人员): an unrelated form, so that the helper's recognition has
//! something it must leave alone.
import React from 'react';
import { Form, Input, Select } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import FormToolbar from './FormToolbar.jsx';
import { useSaveableForm } from './useSaveableForm.js';

const LABELS = ['工号', '姓名', '手机号码', '电子邮箱', '性别'];

export default function Person({ title, tabKey }) {
  const { values, setField, save, submitted, missing, textProps } = useSaveableForm(LABELS, ['工号', '姓名']);
  return (
    <div className="form-page">
      <FormToolbar title={title} tabKey={tabKey} onSave={save} />
      <div className="form-section-title">基本信息</div>
      <Form className="form-grid" layout="horizontal" labelWidth={100} wrapperWidth={360}>
        <Form.Item name="p1" label="工号" required>
          <Input {...textProps('工号')} />
        </Form.Item>
        <Form.Item name="p2" label="姓名" required>
          <Input {...textProps('姓名')} />
        </Form.Item>
        <Form.Item name="p3" label="手机号码">
          <Input {...textProps('手机号码')} />
        </Form.Item>
        <Form.Item name="p4" label="电子邮箱">
          <Input {...textProps('电子邮箱')} />
        </Form.Item>
        <Form.Item name="p5" label="性别">
          <Select value={values['性别'] || undefined} placeholder="请选择" onChange={(v) => setField('性别', v ?? '')}>
            <Select.Option value="male">男</Select.Option>
            <Select.Option value="female">女</Select.Option>
          </Select>
        </Form.Item>
      </Form>
      {missing.length ? <div className="form-errors" role="alert">请填写必录项：{missing.join('、')}</div> : null}
      <SubmittedState form="人员" state={submitted} />
    </div>
  );
}

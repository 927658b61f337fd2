//! 业务单元 (基础服务云 → 组织人员): another unrelated form; the guides only ask that its
//! 职能类型 include 核算组织, which stays manual.
import React from 'react';
import { Checkbox, Form, Input } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import FormToolbar from './FormToolbar.jsx';
import { useSaveableForm } from './useSaveableForm.js';

const LABELS = ['编码', '名称', '上级组织', '核算组织', '业务组织'];

export default function BusinessUnit({ title, tabKey }) {
  const { values, setField, save, submitted, missing, textProps } = useSaveableForm(LABELS, ['编码', '名称'], {
    核算组织: false,
    业务组织: true,
  });
  return (
    <div className="form-page">
      <FormToolbar title={title} tabKey={tabKey} onSave={save} />
      <div className="form-section-title">基本信息</div>
      <Form className="form-grid" layout="horizontal" labelWidth={100} wrapperWidth={360}>
        <Form.Item name="b1" label="编码" required>
          <Input {...textProps('编码')} />
        </Form.Item>
        <Form.Item name="b2" label="名称" required>
          <Input {...textProps('名称')} />
        </Form.Item>
        <Form.Item name="b3" label="上级组织">
          <Input {...textProps('上级组织')} />
        </Form.Item>
      </Form>
      <div className="form-section-title">职能类型</div>
      <div className="form-checks">
        <Checkbox checked={Boolean(values['核算组织'])} onChange={(e) => setField('核算组织', e.target.checked)}>
          核算组织
        </Checkbox>
        <Checkbox checked={Boolean(values['业务组织'])} onChange={(e) => setField('业务组织', e.target.checked)}>
          业务组织
        </Checkbox>
      </div>
      {missing.length ? <div className="form-errors" role="alert">请填写必录项：{missing.join('、')}</div> : null}
      <SubmittedState form="业务单元" state={submitted} />
    </div>
  );
}

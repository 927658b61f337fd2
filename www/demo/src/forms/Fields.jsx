//! The demo's field rows as data: each form lists its fields ({label, type, options, required,
//! disabled, placeholder}) and this draws them as KDesign form items bound to the form's state.
//! A `select` is a searchable KDesign Select (a combobox with a floating list, as the console's
//! dropdowns are); its state holds the chosen option's text.
import React from 'react';
import { Form, Input, Select } from '@kdcloudjs/kdesign';

export default function Fields({ fields, form, labelWidth = 140 }) {
  const { values, setField, errorFor, textProps } = form;
  return (
    <Form className="form-grid" layout="horizontal" labelWidth={labelWidth} wrapperWidth={420}>
      {fields.map((f, i) => (
        <Form.Item key={f.label} name={`f${i}`} label={f.label} required={!!f.required}>
          {f.type === 'select' ? (
            <Select
              showSearch
              allowClear
              style={{ width: '100%' }}
              placeholder="请选择"
              value={values[f.label] || undefined}
              status={errorFor(f.label)}
              onChange={(value) => setField(f.label, value ?? '')}
            >
              {f.options.map((o) => (
                <Select.Option key={o} value={o} title={o}>
                  {o}
                </Select.Option>
              ))}
            </Select>
          ) : (
            <Input
              type={f.type === 'password' ? 'password' : 'text'}
              autoComplete={f.type === 'password' ? 'new-password' : 'off'}
              placeholder={f.placeholder}
              disabled={!!f.disabled}
              {...textProps(f.label)}
            />
          )}
        </Form.Item>
      ))}
    </Form>
  );
}

/** The required-field alert under a form, as the console shows it after 保存. */
export function MissingAlert({ missing }) {
  return missing.length ? (
    <div className="form-errors" role="alert">
      请填写必录项：{missing.join('、')}
    </div>
  ) : null;
}

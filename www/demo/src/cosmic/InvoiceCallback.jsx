//! 发票回调配置 as the Cosmic runtime draws it, inside the tab's own iframe (form.html): five
//! fields in caption/value wrappers, 第三方应用 a basedata (F7) lookup whose dropdown starts with
//! 新增, and the toolbar's 保存 a `<div id="bar_save">`. Choosing 新增 opens the 新增第三方应用
//! dialog and is counted in the submitted state (`addNewOpened`), so tests can tell.
import React, { useState } from 'react';
import SubmittedState from '../console/SubmittedState.jsx';
import { prefillFor } from '../console/env.js';
import { BarItem, BasedataField, Dialog, TextField, Toolbar } from './fields.jsx';

export const THIRD_PARTY_APPS = [
  { code: 'invoiceupload2', name: '发票上传测试' },
  { code: 'invoiceuploadx', name: '发票上传（旧）' },
  { code: 'invoiceupload', name: '第三方发票上传' },
  { code: 'kdtest', name: '测试应用' },
  { code: 'einvoice_sync', name: '电子发票同步' },
];

const LABELS = ['请求地址', '数据中心id', '第三方应用', '第三方应用密码', '网关'];

export default function InvoiceCallback() {
  const [values, setValues] = useState(() => ({
    ...Object.fromEntries(LABELS.map((l) => [l, ''])),
    ...prefillFor(LABELS),
  }));
  const [addNew, setAddNew] = useState(null);
  const [submitted, setSubmitted] = useState({ saved: false, saves: 0, missing: [], values: null, addNewOpened: 0 });
  const [message, setMessage] = useState('');
  const set = (label) => (value) => setValues((v) => ({ ...v, [label]: value }));

  const save = () => {
    const missing = LABELS.filter((l) => !String(values[l]).trim());
    setSubmitted((s) => ({ ...s, saved: !missing.length, saves: s.saves + 1, missing, values }));
    setMessage(missing.length ? `请填写必录项：${missing.join('、')}` : '保存成功');
  };

  return (
    <div className="kd-cq-form">
      <Toolbar>
        <BarItem id="bar_save" onClick={save}>保存</BarItem>
        <BarItem id="bar_refresh" onClick={() => setMessage('已刷新')}>刷新</BarItem>
        <BarItem id="bar_close" onClick={() => window.parent.postMessage({ cosmicClose: 'invoice-callback' }, window.location.origin)}>退出</BarItem>
      </Toolbar>
      <div className="kd-cq-form-title">发票回调配置</div>
      <div className="kd-cq-fieldset">
        <TextField item="requesturl" caption="请求地址" required value={values['请求地址']} onChange={set('请求地址')} />
        <TextField item="accountid" caption="数据中心id" required value={values['数据中心id']} onChange={set('数据中心id')} />
        <BasedataField
          item="thirdapp"
          caption="第三方应用"
          required
          records={THIRD_PARTY_APPS}
          value={values['第三方应用']}
          onChange={set('第三方应用')}
          onAddNew={(text) => {
            setAddNew(text);
            setSubmitted((s) => ({ ...s, addNewOpened: s.addNewOpened + 1 }));
          }}
        />
        <TextField item="apppassword" caption="第三方应用密码" required type="password" value={values['第三方应用密码']} onChange={set('第三方应用密码')} />
        <TextField item="gateway" caption="网关" required value={values['网关']} onChange={set('网关')} />
      </div>
      {message ? <div className="kd-cq-message" role="status">{message}</div> : null}
      {addNew !== null ? (
        <Dialog title="新增第三方应用" onOk={() => setAddNew(null)} onCancel={() => setAddNew(null)}>
          <div className="kd-cq-hint">将新增编码为“{addNew}”的第三方应用</div>
        </Dialog>
      ) : null}
      <SubmittedState form="发票回调配置" state={submitted} />
    </div>
  );
}

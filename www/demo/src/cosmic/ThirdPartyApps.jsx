//! 第三方应用 (开放服务云 → OpenApi → 安全策略) as the Cosmic runtime draws it: the list, and per
//! application a detail tab whose 访问策略 lists AccessToken认证 and 摘要认证 as titled cards,
//! each with 编辑; the dialog 编辑 opens carries the card's title again. 认证凭证 shows
//! x-acgw-identity masked until the login password is entered. Same submitted state as the
//! KDesign demo (`[data-testid=submitted-state][data-form=第三方应用]`).
import React, { useContext, useState } from 'react';
import SubmittedState from '../console/SubmittedState.jsx';
import { prefillFor, randomToken } from '../console/env.js';
import { appStore, useApps } from '../forms/appStore.js';
import { CosmicContext } from './context.js';
import { BarItem, CheckField, Dialog, TextField, Toolbar } from './fields.jsx';

const MASK = '******';
const FIELDS = ['系统编码', '系统名称', '授权全部API', '允许全部IP访问'];

export function ThirdPartyAppList() {
  const apps = useApps();
  const { openPage } = useContext(CosmicContext);
  return (
    <div className="kd-cq-form">
      <Toolbar>
        <BarItem id="bar_new">新增</BarItem>
        <BarItem id="bar_sync">同步应用</BarItem>
        <BarItem id="bar_refresh">刷新</BarItem>
      </Toolbar>
      <div className="kd-cq-grid">
        <div className="kd-cq-grid-row kd-cq-grid-head">
          <span>系统编码</span>
          <span>系统名称</span>
          <span>系统类型</span>
          <span>状态</span>
        </div>
        {apps.map((app) => (
          <div className="kd-cq-grid-row" key={app.code}>
            <span className="kd-cq-link" onClick={() => openPage({ key: `app:${app.code}`, title: `第三方应用 - ${app.code}`, form: 'third-party-app', code: app.code })}>
              {app.code}
            </span>
            <span>{app.name}</span>
            <span>{app.type}</span>
            <span>{app.status}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function KeyDialog({ kind, initialKey, onOk, onCancel }) {
  const [key, setKey] = useState(initialKey);
  const [error, setError] = useState('');
  const digest = kind === '摘要认证';
  const confirm = () => (key.trim() ? onOk(key) : setError('请输入认证密钥'));
  return (
    <Dialog title={kind} onOk={confirm} onCancel={onCancel}>
      <TextField
        item="authkey"
        caption="认证密钥"
        required
        value={key}
        readOnly={digest}
        onChange={(v) => {
          setKey(v);
          setError('');
        }}
        suffix={
          digest ? (
            <div className="kd-cq-btn kd-cq-btn-small" onClick={() => setKey(randomToken(32, '0123456789abcdef'))}>
              刷新
            </div>
          ) : null
        }
      />
      {error ? <div className="kd-cq-error">{error}</div> : null}
      {digest ? null : <div className="kd-cq-hint">请妥善保管认证密钥，点击确定后将无法查看！</div>}
    </Dialog>
  );
}

function PasswordDialog({ onOk, onCancel }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  return (
    <Dialog title="身份验证" onOk={() => (password ? onOk() : setError('请输入登录密码'))} onCancel={onCancel}>
      <div className="kd-cq-hint">查看认证凭证需要验证当前账号的身份</div>
      <TextField item="loginpassword" caption="登录密码" required type="password" value={password} onChange={setPassword} />
      {error ? <div className="kd-cq-error">{error}</div> : null}
    </Dialog>
  );
}

export function ThirdPartyAppDetail({ code, pageKey }) {
  const { closePage } = useContext(CosmicContext);
  const apps = useApps();
  const app = apps.find((a) => a.code === code);
  const [values, setValues] = useState(() => ({
    系统编码: app ? app.code : '',
    系统名称: app ? app.name : '',
    授权全部API: app ? app.allApis : false,
    允许全部IP访问: app ? app.allIps : false,
    ...prefillFor(FIELDS),
  }));
  const [pending, setPending] = useState({ accessTokenKey: null, digestKey: null });
  const [dialog, setDialog] = useState(null);
  const [revealed, setRevealed] = useState(false);
  const [message, setMessage] = useState('');
  const [submitted, setSubmitted] = useState({
    accessTokenKey: '', digestKey: '', gatewayRevealed: false, saved: false, saves: 0, missing: [], values: null,
  });
  const set = (label) => (value) => setValues((v) => ({ ...v, [label]: value }));
  const accessTokenSet = Boolean(pending.accessTokenKey ?? (app && app.accessTokenKey));
  const digestKey = pending.digestKey ?? (app ? app.digestKey : '');

  const confirmKey = (kind, key) => {
    const field = kind === 'AccessToken认证' ? 'accessTokenKey' : 'digestKey';
    setPending((p) => ({ ...p, [field]: key }));
    setSubmitted((s) => ({ ...s, [field]: key }));
    setDialog(null);
  };

  const save = () => {
    const missing = ['系统编码', '系统名称'].filter((l) => !String(values[l]).trim());
    setSubmitted((s) => ({ ...s, saved: !missing.length, saves: s.saves + 1, missing, values }));
    if (missing.length) {
      setMessage(`请填写必录项：${missing.join('、')}`);
      return;
    }
    const changes = { name: values['系统名称'], allApis: values['授权全部API'], allIps: values['允许全部IP访问'] };
    if (pending.accessTokenKey !== null) changes.accessTokenKey = pending.accessTokenKey;
    if (pending.digestKey !== null) changes.digestKey = pending.digestKey;
    appStore.upsert(values['系统编码'], changes);
    setPending({ accessTokenKey: null, digestKey: null });
    setMessage('保存成功');
  };

  const policies = [
    { kind: 'AccessToken认证', state: accessTokenSet ? MASK : '未设置' },
    { kind: '摘要认证', state: digestKey ? MASK : '未设置' },
  ];

  return (
    <div className="kd-cq-form">
      <Toolbar>
        <BarItem id="bar_save" onClick={save}>保存</BarItem>
        <BarItem id="bar_enable" onClick={() => setMessage('已启用')}>启用</BarItem>
        <BarItem id="bar_close" onClick={() => closePage(pageKey)}>退出</BarItem>
      </Toolbar>
      <div className="kd-cq-section-title">基本信息</div>
      <div className="kd-cq-fieldset">
        <TextField item="number" caption="系统编码" required value={values['系统编码']} readOnly={Boolean(app && app.type === '预置')} onChange={set('系统编码')} />
        <TextField item="name" caption="系统名称" required value={values['系统名称']} onChange={set('系统名称')} />
        <CheckField item="allapi" caption="授权全部API" checked={Boolean(values['授权全部API'])} onChange={set('授权全部API')} />
        <CheckField item="allip" caption="允许全部IP访问" checked={Boolean(values['允许全部IP访问'])} onChange={set('允许全部IP访问')} />
      </div>
      <div className="kd-cq-section-title">访问策略</div>
      <div className="kd-cq-cards">
        {policies.map((p) => (
          <div className="kd-cq-card" key={p.kind}>
            <div className="kd-cq-card-title">{p.kind}</div>
            <div className="kd-cq-card-body">认证密钥：{p.state}</div>
            <div className="kd-cq-card-op kd-cq-link" onClick={() => setDialog(p.kind)}>
              编辑
            </div>
          </div>
        ))}
      </div>
      <div className="kd-cq-section-title">认证凭证</div>
      <div className="kd-cq-credential">
        <span className="kd-cq-credential-label">x-acgw-identity</span>
        <span className="kd-cq-credential-value credential-value">{!app ? '保存后生成' : revealed ? app.gateway : MASK}</span>
        {app && !revealed ? (
          <div className="kd-cq-btn kd-cq-btn-small" onClick={() => setDialog('password')}>
            查看
          </div>
        ) : null}
      </div>
      {message ? <div className="kd-cq-message" role="status">{message}</div> : null}
      {dialog === 'AccessToken认证' ? <KeyDialog kind={dialog} initialKey="" onOk={(k) => confirmKey(dialog, k)} onCancel={() => setDialog(null)} /> : null}
      {dialog === '摘要认证' ? <KeyDialog kind={dialog} initialKey={digestKey} onOk={(k) => confirmKey(dialog, k)} onCancel={() => setDialog(null)} /> : null}
      {dialog === 'password' ? (
        <PasswordDialog
          onOk={() => {
            setRevealed(true);
            setSubmitted((s) => ({ ...s, gatewayRevealed: true }));
            setDialog(null);
          }}
          onCancel={() => setDialog(null)}
        />
      ) : null}
      <SubmittedState form="第三方应用" state={submitted} />
    </div>
  );
}

//! 第三方应用 detail: 系统编码/系统名称, 授权全部API and 允许全部IP访问, the 访问策略 table whose
//! 编辑 dialogs hold 认证密钥 (AccessToken认证: typed once, never shown again after 确定;
//! 摘要认证: 刷新 makes one), and 认证凭证, whose x-acgw-identity stays masked until the user
//! re-enters the login password and is then shown as text with the console's own 复制 button.
import React, { useContext, useState } from 'react';
import { Button, Checkbox, Form, Input, Message, Modal, Table } from '@kdcloudjs/kdesign';
import SubmittedState from '../console/SubmittedState.jsx';
import { ConsoleContext } from '../console/context.js';
import { prefillFor, randomToken } from '../console/env.js';
import { appStore, useApps } from './appStore.js';

const MASK = '******';
const FIELDS = ['系统编码', '系统名称', '授权全部API', '允许全部IP访问'];

function KeyDialog({ kind, initialKey, onOk, onCancel }) {
  const [key, setKey] = useState(initialKey);
  const [error, setError] = useState('');
  const digest = kind === '摘要认证';
  const confirm = () => {
    if (!key.trim()) {
      setError('请输入认证密钥');
      return;
    }
    onOk(key);
  };
  const body = (
    <div>
      <Form layout="horizontal" labelWidth={90}>
        <Form.Item name="k" label="认证密钥" required>
          <Input
            value={key}
            readOnly={digest}
            status={error ? 'error' : undefined}
            autoComplete="off"
            placeholder={digest ? '点击刷新生成认证密钥' : '请输入认证密钥'}
            onChange={(e) => {
              setKey(e.target.value);
              setError('');
            }}
            suffix={
              digest ? (
                <Button size="small" onClick={() => setKey(randomToken(32, '0123456789abcdef'))}>
                  刷新
                </Button>
              ) : null
            }
          />
        </Form.Item>
      </Form>
      {error ? <div className="form-errors">{error}</div> : null}
      {digest ? null : <div className="dialog-warning">请妥善保管认证密钥，点击确定后将无法查看！</div>}
    </div>
  );
  return (
    <Modal
      visible
      type="normal"
      title={kind}
      width={520}
      closable
      body={body}
      onOk={confirm}
      onCancel={onCancel}
    />
  );
}

function PasswordDialog({ onOk, onCancel }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const confirm = () => {
    if (!password) {
      setError('请输入登录密码');
      return;
    }
    onOk();
  };
  const body = (
    <div>
      <div className="dialog-hint">查看认证凭证需要验证当前账号的身份</div>
      <Form layout="horizontal" labelWidth={90}>
        <Form.Item name="pw" label="登录密码" required>
          <Input
            type="password"
            autoComplete="current-password"
            value={password}
            status={error ? 'error' : undefined}
            onChange={(e) => {
              setPassword(e.target.value);
              setError('');
            }}
          />
        </Form.Item>
      </Form>
      {error ? <div className="form-errors">{error}</div> : null}
    </div>
  );
  return <Modal visible type="normal" title="身份验证" width={460} closable body={body} onOk={confirm} onCancel={onCancel} />;
}

export default function ThirdPartyAppDetail({ code }) {
  const { closeTab } = useContext(ConsoleContext);
  const apps = useApps();
  const [savedCode, setSavedCode] = useState(code);
  const app = apps.find((a) => a.code === savedCode);
  const [values, setValues] = useState(() => ({
    系统编码: app ? app.code : '',
    系统名称: app ? app.name : '',
    授权全部API: app ? app.allApis : false,
    允许全部IP访问: app ? app.allIps : false,
    ...prefillFor(FIELDS),
  }));
  // Keys typed in this tab that the console has accepted (确定) but not yet saved.
  const [pending, setPending] = useState({ accessTokenKey: null, digestKey: null });
  const [dialog, setDialog] = useState(null);
  const [revealed, setRevealed] = useState(false);
  const [submitted, setSubmitted] = useState({
    accessTokenKey: '',
    digestKey: '',
    gatewayRevealed: false,
    saved: false,
    saves: 0,
    missing: [],
    values: null,
  });

  const accessTokenSet = Boolean(pending.accessTokenKey ?? (app && app.accessTokenKey));
  const digestKey = pending.digestKey ?? (app ? app.digestKey : '');
  const gateway = app ? app.gateway : '';

  const confirmKey = (kind, key) => {
    const field = kind === 'AccessToken认证' ? 'accessTokenKey' : 'digestKey';
    setPending((p) => ({ ...p, [field]: key }));
    setSubmitted((s) => ({ ...s, [field]: key }));
    setDialog(null);
  };

  const save = () => {
    const missing = ['系统编码', '系统名称'].filter((l) => !String(values[l]).trim());
    const badCode = values['系统编码'] && !/^[A-Za-z0-9_]+$/.test(values['系统编码']);
    setSubmitted((s) => ({ ...s, saved: !missing.length && !badCode, saves: s.saves + 1, missing, values }));
    if (missing.length) {
      Message.error(`请填写必录项：${missing.join('、')}`);
      return;
    }
    if (badCode) {
      Message.error('系统编码只能包含英文字母、数字和下划线');
      return;
    }
    const changes = {
      name: values['系统名称'],
      allApis: values['授权全部API'],
      allIps: values['允许全部IP访问'],
    };
    if (pending.accessTokenKey !== null) changes.accessTokenKey = pending.accessTokenKey;
    if (pending.digestKey !== null) changes.digestKey = pending.digestKey;
    appStore.upsert(values['系统编码'], changes);
    setSavedCode(values['系统编码']);
    setPending({ accessTokenKey: null, digestKey: null });
    Message.success('保存成功');
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(gateway);
      Message.success('复制成功');
    } catch {
      Message.error('复制失败，请手动复制');
    }
  };

  const policies = [
    { kind: 'AccessToken认证', key: accessTokenSet ? MASK : '未设置', enabled: '是' },
    { kind: '摘要认证', key: digestKey ? MASK : '未设置', enabled: '是' },
  ];
  const columns = [
    { code: 'kind', name: '认证方式', width: 200 },
    { code: 'key', name: '认证密钥', width: 200 },
    { code: 'enabled', name: '启用', width: 80 },
    {
      code: 'op',
      name: '操作',
      width: 100,
      render: (_v, row) => (
        <a className="form-link" onClick={() => setDialog(row.kind)}>
          编辑
        </a>
      ),
    },
  ];

  return (
    <div className="form-page">
      <div className="form-toolbar">
        <span className="form-title">第三方应用</span>
        <Button type="primary" onClick={save}>
          保存
        </Button>
        <Button onClick={() => Message.success('已启用')}>启用</Button>
        <Button onClick={() => closeTab(code ? `third-party-app:${code}` : 'third-party-app:new')}>退出</Button>
      </div>
      <div className="form-section-title">基本信息</div>
      <Form className="form-grid" layout="horizontal" labelWidth={100} wrapperWidth={360}>
        <Form.Item name="a1" label="系统编码" required>
          <Input
            value={values['系统编码']}
            disabled={Boolean(app && app.type === '预置')}
            onChange={(e) => setValues((v) => ({ ...v, 系统编码: e.target.value }))}
          />
        </Form.Item>
        <Form.Item name="a2" label="系统名称" required>
          <Input value={values['系统名称']} onChange={(e) => setValues((v) => ({ ...v, 系统名称: e.target.value }))} />
        </Form.Item>
        <Form.Item name="a3" label="系统类型">
          <Input value={app ? app.type : '自定义'} disabled />
        </Form.Item>
      </Form>
      <div className="form-checks">
        <Checkbox
          checked={Boolean(values['授权全部API'])}
          onChange={(e) => setValues((v) => ({ ...v, 授权全部API: e.target.checked }))}
        >
          授权全部API
        </Checkbox>
        <Checkbox
          checked={Boolean(values['允许全部IP访问'])}
          onChange={(e) => setValues((v) => ({ ...v, 允许全部IP访问: e.target.checked }))}
        >
          允许全部IP访问
        </Checkbox>
      </div>
      <div className="form-section-title">访问策略</div>
      <div className="policy-table">
        <Table primaryKey="kind" dataSource={policies} columns={columns} />
      </div>
      <div className="form-section-title">认证凭证</div>
      <div className="credential-row">
        <span className="credential-label">x-acgw-identity</span>
        {!app ? (
          <span className="credential-value">保存后生成</span>
        ) : revealed ? (
          <>
            <span className="credential-value">{gateway}</span>
            <Button size="small" onClick={copy}>
              复制
            </Button>
          </>
        ) : (
          <>
            <span className="credential-value">{MASK}</span>
            <Button size="small" onClick={() => setDialog('password')}>
              查看
            </Button>
          </>
        )}
      </div>
      {dialog === 'AccessToken认证' ? (
        <KeyDialog kind={dialog} initialKey="" onOk={(k) => confirmKey(dialog, k)} onCancel={() => setDialog(null)} />
      ) : null}
      {dialog === '摘要认证' ? (
        <KeyDialog kind={dialog} initialKey={digestKey} onOk={(k) => confirmKey(dialog, k)} onCancel={() => setDialog(null)} />
      ) : null}
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

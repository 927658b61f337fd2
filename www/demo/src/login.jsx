//! Login page of the mock Cosmic console. Like the real one it asks the server for the user's
//! language (getUserLanguage.do, whose answer carries accountId) as soon as it loads, before
//! anyone has logged in; 登录 then goes to the console page.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Button, Form, Input } from '@kdcloudjs/kdesign';
import '@kdcloudjs/kdesign/dist/kdesign.css';
import './demo.css';

function LoginPage() {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('auth/getUserLanguage.do', { credentials: 'same-origin' }).catch(() => undefined);
  }, []);

  const submit = async () => {
    const missing = [!user.trim() && '用户名', !password && '密码'].filter(Boolean);
    if (missing.length) {
      setError(`请输入${missing.join('和')}`);
      return;
    }
    setError('');
    setBusy(true);
    try {
      await fetch('login.do', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user: user.trim() }).toString(),
      });
    } catch {
      // The login itself is faked: the console page opens whatever the server says.
    }
    sessionStorage.setItem('demo-user', user.trim());
    window.location.href = 'index.html?formId=pc_main_console';
  };

  return (
    <div className="login-page">
      <div className="login-banner">
        <div className="login-brand">金蝶云·苍穹</div>
        <div className="login-slogan">企业数字化创新平台</div>
      </div>
      <div className="login-card">
        <div className="login-title">账号登录</div>
        <Form layout="vertical" onFinish={submit}>
          <Form.Item name="u" label="用户名">
            <Input placeholder="手机号/邮箱/用户名" value={user} onChange={(e) => setUser(e.target.value)} />
          </Form.Item>
          <Form.Item name="p" label="密码">
            <Input type="password" placeholder="请输入密码" value={password} onChange={(e) => setPassword(e.target.value)} />
          </Form.Item>
        </Form>
        {error ? <div className="login-error" role="alert">{error}</div> : null}
        <Button type="primary" className="login-submit" loading={busy} onClick={submit}>
          登录
        </Button>
        <div className="login-foot">数据中心：苍穹演示环境</div>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')).render(<LoginPage />);

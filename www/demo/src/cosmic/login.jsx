//! Login page of the Cosmic runtime demo. Like the real one it lists every data centre
//! (`auth/getAllDatacenters.do`: each with its own accountId, none of them necessarily the
//! user's), fetches `auth/getPublicKey.do` to encrypt the password, logs in and goes to the
//! console page. It never asks getUserLanguage.do: only the console does.
import React, { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './cosmic.css';

function LoginPage() {
  const [centres, setCentres] = useState([]);
  const [centre, setCentre] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');

  useEffect(() => {
    fetch('auth/getAllDatacenters.do', { credentials: 'same-origin' })
      .then((r) => r.json())
      .then((list) => {
        setCentres(list);
        const preferred = list.find((c) => c.isDefault) || list[0];
        if (preferred) setCentre(preferred.accountId);
      })
      .catch(() => undefined);
  }, []);

  const submit = async () => {
    if (!user.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setError('');
    try {
      const key = await (await fetch('auth/getPublicKey.do', { credentials: 'same-origin' })).json();
      const result = await (
        await fetch('login.do', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ user: user.trim(), accountId: centre, keyId: key.keyId || '' }).toString(),
        })
      ).json();
      sessionStorage.setItem('cosmic-csrf', result.csrfToken || '');
    } catch {
      // The login itself is faked: the console page opens whatever happens.
    }
    sessionStorage.setItem('demo-user', user.trim());
    window.location.href = 'index.html?formId=pc_main_console';
  };

  return (
    <div className="kd-cq-login">
      <div className="kd-cq-login-card">
        <div className="kd-cq-login-title">金蝶云·星瀚</div>
        <div className="kd-cq-field" data-field-item="datacenter">
          <div className="kd-cq-field-title"><span>数据中心</span></div>
          <div className="kd-cq-field-value">
            <select value={centre} onChange={(e) => setCentre(e.target.value)}>
              {centres.map((c) => (
                <option key={c.accountId} value={c.accountId}>
                  {c.accountName}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="kd-cq-field" data-field-item="user">
          <div className="kd-cq-field-title"><span>用户名</span></div>
          <div className="kd-cq-field-value">
            <input placeholder="手机号/邮箱/用户名" value={user} onChange={(e) => setUser(e.target.value)} />
          </div>
        </div>
        <div className="kd-cq-field" data-field-item="password">
          <div className="kd-cq-field-title"><span>密码</span></div>
          <div className="kd-cq-field-value">
            <input type="password" placeholder="请输入密码" value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
        </div>
        {error ? <div className="kd-cq-error" role="alert">{error}</div> : null}
        <div id="btn_login" className="kd-cq-btn kd-cq-btn-primary kd-cq-login-submit" onClick={submit}>
          登录
        </div>
      </div>
    </div>
  );
}

createRoot(document.getElementById('app')).render(<LoginPage />);

//! Console page of the Cosmic runtime demo (index.html?formId=pc_main_console): at boot it asks
//! `api/login/getUserLanguage.do` (POST, headers `ajax: true` and `kd-csrf-token`), whose answer
//! carries accountId as a string and a userId `<accountId>_<n>`; then the menu and the tabs.
//! Like the real runtime, closing a tab does not remove its page: the old instance stays in the
//! DOM, hidden, and opening the form again draws a new instance beside it. 发票回调配置 opens
//! in a same-origin iframe (form.html, not a console URL).
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import './cosmic.css';
import { formDelayMs } from '../console/env.js';
import { CosmicContext } from './context.js';
import { Late } from './fields.jsx';
import { ThirdPartyAppDetail, ThirdPartyAppList } from './ThirdPartyApps.jsx';

const MENU = [
  {
    title: '发票服务',
    children: [{ title: '系统管理', children: [{ title: '发票回调配置', form: 'invoice-callback' }, { title: '发票服务授权配置', form: 'empty' }] }],
  },
  {
    title: '开放服务云',
    children: [{ title: 'OpenApi', children: [{ title: '安全策略', children: [{ title: '第三方应用', form: 'third-party-apps' }] }] }],
  },
];

const params = new URLSearchParams(window.location.search);

/** The iframe's address: the runtime's form page, with the test parameters passed on. */
function frameUrl(pageId) {
  const q = new URLSearchParams({ formId: 'invoice_callback', pageId });
  for (const name of ['prefill', 'delay']) if (params.has(name)) q.set(name, params.get(name));
  return `form.html?${q}`;
}

async function loadUserLanguage() {
  const response = await fetch('api/login/getUserLanguage.do', {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      ajax: 'true',
      'kd-csrf-token': sessionStorage.getItem('cosmic-csrf') || '',
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: '',
  });
  return response.json();
}

function MenuNode({ node, onOpen }) {
  const [open, setOpen] = useState(false);
  if (!node.children) {
    return (
      <div className="kd-cq-menu-leaf" onClick={() => onOpen(node)}>
        {node.title}
      </div>
    );
  }
  return (
    <div className="kd-cq-menu-group">
      <div className={`kd-cq-menu-title${open ? ' kd-cq-menu-open' : ''}`} onClick={() => setOpen(!open)}>
        {node.title}
      </div>
      {open ? (
        <div className="kd-cq-menu-children">
          {node.children.map((c) => (
            <MenuNode key={c.title} node={c} onOpen={onOpen} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function PageBody({ page }) {
  if (page.form === 'invoice-callback') {
    return <iframe className="kd-cq-frame" title={page.title} src={frameUrl(page.id)} />;
  }
  let body;
  if (page.form === 'third-party-apps') body = <ThirdPartyAppList />;
  else if (page.form === 'third-party-app') body = <ThirdPartyAppDetail code={page.code} pageKey={page.key} />;
  else body = <div className="kd-cq-empty">{page.title}</div>;
  return <Late delayMs={formDelayMs()}>{body}</Late>;
}

function Console() {
  const [user, setUser] = useState(null);
  const [pages, setPages] = useState([]); // every instance ever opened, closed ones included
  const [active, setActive] = useState('');

  useEffect(() => {
    loadUserLanguage().then(setUser).catch(() => undefined);
  }, []);

  const openPage = useCallback((spec) => {
    const key = spec.key || spec.form;
    setPages((list) => {
      if (list.some((p) => p.key === key && !p.closed)) return list;
      const n = list.filter((p) => p.key === key).length + 1;
      return [...list, { ...spec, key, id: `${key.replace(/[^a-z0-9]/gi, '_')}_${n}`, closed: false }];
    });
    setActive(key);
  }, []);

  const closePage = useCallback((key) => {
    setPages((list) => {
      const live = list.filter((p) => !p.closed);
      const index = live.findIndex((p) => p.key === key);
      setActive((was) => (was === key ? (live[index - 1] || live[index + 1] || { key: '' }).key : was));
      // The runtime hides a closed page; its DOM stays.
      return list.map((p) => (p.key === key ? { ...p, closed: true } : p));
    });
  }, []);

  useEffect(() => {
    const onMessage = (e) => {
      if (e.origin === window.location.origin && e.data && e.data.cosmicClose) closePage(e.data.cosmicClose);
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [closePage]);

  const context = useMemo(() => ({ openPage, closePage }), [openPage, closePage]);
  const tabs = pages.filter((p) => !p.closed);

  return (
    <CosmicContext.Provider value={context}>
      <div className="kd-cq-console">
        <div className="kd-cq-header">
          <span className="kd-cq-logo">金蝶云·星瀚</span>
          <span className="kd-cq-user">{user ? user.userId : '…'}</span>
          <a className="kd-cq-logout" href="login.html">
            退出
          </a>
        </div>
        <div className="kd-cq-main">
          <nav className="kd-cq-menu">
            {MENU.map((node) => (
              <MenuNode key={node.title} node={node} onOpen={(leaf) => openPage({ key: leaf.form, title: leaf.title, form: leaf.form })} />
            ))}
          </nav>
          <div className="kd-cq-workspace">
            <div className="kd-cq-tabs">
              {tabs.map((p) => (
                <div key={p.id} className={`kd-cq-tab${p.key === active ? ' kd-cq-tab-active' : ''}`} onClick={() => setActive(p.key)}>
                  <span>{p.title}</span>
                  <span
                    className="kd-cq-tab-close"
                    title="关闭"
                    onClick={(e) => {
                      e.stopPropagation();
                      closePage(p.key);
                    }}
                  >
                    ×
                  </span>
                </div>
              ))}
            </div>
            {pages.map((p) => (
              <div key={p.id} className="kd-cq-page" data-page-id={p.id} style={{ display: !p.closed && p.key === active ? '' : 'none' }}>
                <PageBody page={p} />
              </div>
            ))}
          </div>
        </div>
      </div>
    </CosmicContext.Provider>
  );
}

createRoot(document.getElementById('app')).render(<Console />);

//! The console frame: header, left application menu, and in-app tabs. A menu item opens its
//! form in a tab without reloading; an open tab is only activated again; closing a tab unmounts
//! its form, so reopening renders it afresh (late, like the real console).
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Icon, Layout, Menu, Tabs } from '@kdcloudjs/kdesign';
import { MENU, leaves } from './menu.js';
import { formToOpen, loadUserLanguage } from './env.js';
import { ConsoleContext } from './context.js';
import { renderForm } from '../forms/registry.jsx';
import Home from '../forms/Home.jsx';

const { Header, Sider, Content } = Layout;

function menuNodes(items) {
  return items.map((item) =>
    item.children ? (
      <Menu.SubMenu key={item.key} title={item.title}>
        {menuNodes(item.children)}
      </Menu.SubMenu>
    ) : (
      <Menu.Item key={item.key}>{item.title}</Menu.Item>
    ),
  );
}

const HOME = { key: 'home', title: '首页', closable: false, render: () => <Home /> };

export default function Shell() {
  const [user, setUser] = useState({ accountId: '', userName: '' });
  const [tabs, setTabs] = useState([HOME]);
  const [active, setActive] = useState('home');
  const [openKeys, setOpenKeys] = useState([]);
  const serial = useRef(0);
  const toggling = useRef(false);

  // KDesign 1.8's inline Menu lets a click on a nested submenu title bubble up to its parent,
  // which then closes: keep the open keys ourselves and take only the first change per click.
  const onOpenChange = useCallback((keys) => {
    if (toggling.current) return;
    toggling.current = true;
    queueMicrotask(() => {
      toggling.current = false;
    });
    setOpenKeys([...keys]);
  }, []);

  useEffect(() => {
    loadUserLanguage(`auth/getUserLanguage.do?_=${Date.now()}`)
      .then(setUser)
      .catch(() => undefined);
  }, []);

  /** Opens (or activates) a tab. `render` draws its body; each opening gets a fresh instance. */
  const openTab = useCallback((key, title, render) => {
    setTabs((current) => {
      if (current.some((t) => t.key === key)) return current;
      serial.current += 1;
      return [...current, { key, title, render, closable: true, instance: serial.current }];
    });
    setActive(key);
  }, []);

  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  const closeTab = useCallback((key) => {
    const list = tabsRef.current;
    const index = list.findIndex((t) => t.key === key);
    if (index < 0 || !list[index].closable) return;
    setTabs((current) => current.filter((t) => t.key !== key));
    setActive((was) => (was === key ? list[Math.max(0, index - 1)].key : was));
  }, []);

  const openLeaf = useCallback(
    (leaf) => openTab(leaf.key, leaf.title, () => renderForm(leaf.form, leaf.title, leaf.key)),
    [openTab],
  );

  useEffect(() => {
    const wanted = formToOpen();
    const leaf = wanted && leaves().find((l) => l.title === wanted || l.key === wanted);
    if (leaf) openLeaf(leaf);
  }, [openLeaf]);

  const onMenuClick = (info) => {
    const leaf = leaves().find((l) => l.key === info.key);
    if (leaf) openLeaf(leaf);
  };

  const context = useMemo(() => ({ user, openTab, closeTab }), [user, openTab, closeTab]);
  const menu = useMemo(() => menuNodes(MENU), []);

  return (
    <ConsoleContext.Provider value={context}>
      <Layout className="console">
        <Header className="console-header">
          <div className="console-logo">金蝶云·苍穹</div>
          <div className="console-header-title">苍穹演示环境</div>
          <div className="console-header-right">
            <span className="console-user">{user.userName || '…'}</span>
            <a className="console-logout" href="login.html">
              退出
            </a>
          </div>
        </Header>
        <Layout className="console-body">
          <Sider className="console-sider" width={232}>
            <div className="console-sider-title">
              <Icon type="menu" /> 应用
            </div>
            <Menu
              mode="inline"
              theme="light"
              inlineIndent={16}
              openKeys={openKeys}
              onOpenChange={onOpenChange}
              onClick={onMenuClick}
              selectedKey={active}
            >
              {menu}
            </Menu>
          </Sider>
          <Content className="console-content">
            <Tabs type="dynamic" noContainer activeKey={active} onChange={(key) => setActive(String(key))}>
              {tabs.map((tab) => (
                <Tabs.TabPane
                  key={tab.key}
                  id={tab.key}
                  tab={tab.title}
                  operations={
                    tab.closable
                      ? [<Icon key="close" type="close" title="关闭" onClick={() => closeTab(tab.key)} />]
                      : []
                  }
                />
              ))}
            </Tabs>
            {tabs.map((tab) => (
              <div
                key={`${tab.key}#${tab.instance || 0}`}
                className="console-tab-body"
                hidden={tab.key !== active}
              >
                {tab.render()}
              </div>
            ))}
          </Content>
        </Layout>
      </Layout>
    </ConsoleContext.Provider>
  );
}

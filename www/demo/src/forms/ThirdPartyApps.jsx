//! 第三方应用 list (开放服务云 → OpenApi → 安全策略): the applications, 获取token示例 for the
//! selected one, and a click on a code opens that application's detail in its own tab.
import React, { useContext, useState } from 'react';
import { Button, Message, Table } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';
import { useApps } from './appStore.js';
import TokenSample from './TokenSample.jsx';
import ThirdPartyAppDetail from './ThirdPartyAppDetail.jsx';
import LateRender from '../console/LateRender.jsx';

export function openAppDetail(openTab, code) {
  const key = `third-party-app:${code || 'new'}`;
  const title = code ? `第三方应用 - ${code}` : '第三方应用 - 新增';
  openTab(key, title, () => (
    <LateRender>
      <ThirdPartyAppDetail code={code} />
    </LateRender>
  ));
}

export default function ThirdPartyApps({ title }) {
  const apps = useApps();
  const { openTab } = useContext(ConsoleContext);
  const [selected, setSelected] = useState([]);
  const [sampleFor, setSampleFor] = useState(null);

  const columns = [
    {
      code: 'code',
      name: '系统编码',
      width: 180,
      render: (value) => (
        <a className="form-link" onClick={() => openAppDetail(openTab, value)}>
          {value}
        </a>
      ),
    },
    { code: 'name', name: '系统名称', width: 200 },
    { code: 'type', name: '系统类型', width: 100 },
    { code: 'status', name: '状态', width: 100 },
    {
      code: 'accessTokenKey',
      name: 'AccessToken认证',
      width: 140,
      render: (value) => (value ? '已设置' : '未设置'),
    },
  ];

  const showSample = () => {
    const app = apps.find((a) => a.code === selected[0]) || apps[0];
    setSampleFor(app.code);
  };

  return (
    <div className="form-page">
      <div className="form-toolbar">
        <span className="form-title">{title}</span>
        <Button type="primary" onClick={() => openAppDetail(openTab, '')}>
          新增
        </Button>
        <Button onClick={() => Message.success('同步完成')}>同步应用</Button>
        <Button onClick={showSample}>获取token示例</Button>
        <Button onClick={() => Message.info('已刷新')}>刷新</Button>
      </div>
      <div className="policy-table">
        <Table
          primaryKey="code"
          dataSource={apps}
          columns={columns}
          rowSelection={{ type: 'radio', value: selected, onChange: (keys) => setSelected(keys) }}
        />
      </div>
      {sampleFor ? <TokenSample app={apps.find((a) => a.code === sampleFor)} onClose={() => setSampleFor(null)} /> : null}
    </div>
  );
}

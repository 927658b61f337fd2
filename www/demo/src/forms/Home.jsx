//! The console's landing tab.
import React, { useContext } from 'react';
import { Card } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';

export default function Home() {
  const { user } = useContext(ConsoleContext);
  return (
    <div className="home">
      <div className="home-welcome">欢迎使用金蝶云·苍穹{user.userName ? `，${user.userName}` : ''}</div>
      <div className="home-cards">
        <Card title="常用应用">发票服务 · 开放服务云 · 基础服务云</Card>
        <Card title="待办事项">暂无待办</Card>
        <Card title="公告">系统将于周日 02:00 进行例行维护</Card>
      </div>
    </div>
  );
}

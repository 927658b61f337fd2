//! The toolbar of the demo's simple forms, as Kingdee draws it: the form's title, 保存, the
//! form's own buttons (连接测试 on the auth forms), 退出.
import React, { useContext } from 'react';
import { Button } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';

export default function FormToolbar({ title, tabKey, onSave, children }) {
  const { closeTab } = useContext(ConsoleContext);
  return (
    <div className="form-toolbar">
      <span className="form-title">{title}</span>
      <Button type="primary" onClick={onSave}>
        保存
      </Button>
      {children}
      <Button onClick={() => closeTab(tabKey)}>退出</Button>
    </div>
  );
}

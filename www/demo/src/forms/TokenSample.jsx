//! 获取token示例: the text sample of the two requests an external system makes (星瀚 ≥ 6.0),
//! holding the prefix, accountId, appId, tenantid, user and the app secret.
import React, { useContext } from 'react';
import { Button, Modal } from '@kdcloudjs/kdesign';
import { ConsoleContext } from '../console/context.js';
import { consolePrefix, loginUser } from '../console/env.js';

export function tokenSampleText({ prefix, accountId, appId, appSecret, user }) {
  return [
    '1、获取appToken',
    `请求地址：POST ${prefix}api/getAppToken.do`,
    '请求参数：',
    '{',
    `    "appId": "${appId}",`,
    `    "appSecret": "${appSecret}",`,
    '    "tenantid": "ierp",',
    `    "accountId": "${accountId}",`,
    '    "language": "zh_CN"',
    '}',
    '',
    '2、获取accessToken（登录）',
    `请求地址：POST ${prefix}api/login.do`,
    '请求参数：',
    '{',
    `    "user": "${user}",`,
    '    "apptoken": "<上一步返回的app_token>",',
    '    "tenantid": "ierp",',
    `    "accountId": "${accountId}",`,
    '    "usertype": "Mobile",',
    '    "language": "zh_CN"',
    '}',
  ].join('\n');
}

export default function TokenSample({ app, onClose }) {
  const { user } = useContext(ConsoleContext);
  const text = tokenSampleText({
    prefix: consolePrefix(),
    accountId: user.accountId,
    appId: app.code,
    appSecret: app.accessTokenKey || '<AccessToken认证密钥>',
    user: loginUser(),
  });
  return (
    <Modal
      visible
      type="normal"
      title="获取token示例"
      width={680}
      onCancel={onClose}
      closable
      body={<pre className="token-sample">{text}</pre>}
      footer={
        <Button type="primary" onClick={onClose}>
          关闭
        </Button>
      }
    />
  );
}

// What the paste tests paste and where: activation e-mails in two shapes, a 获取token示例 for a
// given console, junk, and the popup's paste box, enterprises and credentials through the
// contract's test ids only.

export const MAIL_ONE = `主题：【金蝶发票云】出库通知 - 深圳市云帆数科技术有限公司（正式环境）

尊敬的深圳市云帆数科技术有限公司：
您好！您购买的金蝶发票云产品已完成出库，授权信息如下，请妥善保管。

环境：正式环境
接口地址：https://api.piaozone.com

一、企业授权信息
企业名称：深圳市云帆数科技术有限公司
税号：91440300MA5G8TQK2M
ClientID：c7f3a1d09b2e4c58a6d1
ClientSecret：5e8b0c2f9a714d3eb6c7a2f41d9e0b63
EncryKey：Kq7Zp2Lm9Xw4Rt6B

二、租户授权信息（用于数电配置→维护租户授权信息）
ClientID：TN_8d2f6a0c4e1b
ClientSecret：a4c91e7f0b2d48e6953c1f7a8b0d2e64
EncryKey：Yh3Nc8Vb1Qs5Dw9E
`;

export const ONE = {
  name: '深圳市云帆数科技术有限公司',
  taxId: '91440300MA5G8TQK2M',
  clientId: 'c7f3a1d09b2e4c58a6d1',
  clientSecret: '5e8b0c2f9a714d3eb6c7a2f41d9e0b63',
  encryptKey: 'Kq7Zp2Lm9Xw4Rt6B',
  tenantClientId: 'TN_8d2f6a0c4e1b',
  tenantSecret: 'a4c91e7f0b2d48e6953c1f7a8b0d2e64',
  tenantEncryptKey: 'Yh3Nc8Vb1Qs5Dw9E',
};

export const MAIL_TWO = `发票云授权（测试环境），共两家：
1、深圳市云帆数科技术有限公司（税号：91440300MA5G8TQK2M）
ClientID：a1b2c3d4e5f60718293a；ClientSecret：0f1e2d3c4b5a69788796a5b4c3d2e1f0；EncryKey：Zx9Cv8Bn7Mq6Wp5T
2、成都锦城物流有限公司（税号：91510100MA6CW4YE17）
ClientID: 7be02c4f91ad4e3b, ClientSecret: 3f9c0e7a2b5d48e19c6f0a3b7d2e5c8f, EncryKey: Hc6Vm1Qp8Zt3Wx5K
测试环境地址 https://api-dev.piaozone.com/test
`;

export const TWO = {
  first: { taxId: '91440300MA5G8TQK2M', clientId: 'a1b2c3d4e5f60718293a', clientSecret: '0f1e2d3c4b5a69788796a5b4c3d2e1f0' },
  second: { taxId: '91510100MA6CW4YE17', clientId: '7be02c4f91ad4e3b', clientSecret: '3f9c0e7a2b5d48e19c6f0a3b7d2e5c8f', encryptKey: 'Hc6Vm1Qp8Zt3Wx5K' },
};

export const APP_SECRET = 'Xy7Qw2Er5Ty8Ui1Op4As6Df9Gh3Jk0Lz';
export const TOKEN_ACCOUNT_ID = '1933358424373855232';

/** A 获取token示例 as 星瀚 shows it, for the console under `prefix`. */
export const tokenSample = (prefix, { appId = 'invoiceupload', accountId = TOKEN_ACCOUNT_ID } = {}) => `获取apptoken
请求地址：${prefix}api/getAppToken.do
请求方式：POST
请求参数：
{
    "appId": "${appId}",
    "appSecret": "${APP_SECRET}",
    "tenantid": "demo",
    "accountId": "${accountId}",
    "language": "zh_CN"
}

获取accesstoken
请求地址：${prefix}api/login.do
请求方式：POST
请求参数：
{
    "user": "13800138000",
    "apptoken": "上一步获取的app_token",
    "tenantid": "demo",
    "accountId": "${accountId}",
    "usertype": "Mobile"
}
`;

/** Every secret value of the fixtures, for the no-leak checks. */
export const ALL_SECRETS = [
  ONE.clientSecret, ONE.encryptKey, ONE.tenantSecret, ONE.tenantEncryptKey,
  TWO.first.clientSecret, TWO.second.clientSecret, TWO.second.encryptKey, APP_SECRET,
];

/** Types `text` into the popup's paste box, presses 读取, and waits for its result. */
export async function paste(popup, text) {
  const result = popup.getByTestId('paste-result');
  const before = await result.textContent();
  await popup.getByTestId('paste-input').fill(text);
  await popup.getByTestId('paste-read').click();
  await popup.waitForFunction(
    (earlier) => {
      const el = document.querySelector('[data-testid="paste-result"]');
      return el && (el.dataset.state === 'ok' || el.dataset.state === 'error') && el.textContent !== earlier;
    },
    before,
    { timeout: 10_000 },
  );
  return { state: await result.getAttribute('data-state'), text: (await result.textContent()).trim() };
}

/** `{held, text}` of one credential element. */
export async function credential(popup, testId) {
  const element = popup.getByTestId(testId);
  return { held: await element.getAttribute('data-held'), text: (await element.textContent()).trim() };
}

/** Waits until a credential element's `data-held` is `held`. */
export async function waitForCredential(popup, testId, held = 'true') {
  await popup.locator(`[data-testid="${testId}"][data-held="${held}"]`).waitFor({ timeout: 10_000 });
}

/** The enterprises shown: `[{taxId, selected, text}]`. */
export async function enterprises(popup) {
  return popup.getByTestId('enterprise').evaluateAll((els) => els.map((el) => ({
    taxId: el.getAttribute('data-tax-id'), selected: el.getAttribute('data-selected'), text: el.textContent,
  })));
}

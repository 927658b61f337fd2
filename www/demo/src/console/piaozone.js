//! The demo's stand-in for the 发票云 service behind 连接测试: it knows exactly the credentials
//! of the two sample 授权邮件 (www/demo/fixtures/activation-mails.mjs), each of one environment,
//! and answers with the words the real service uses (DOMAIN.md, "Connection-test errors").
//! Deterministic rules, in order (www/README.md lists them):
//! 1. an empty Client id → 应用id不能为空;
//! 2. any 代理 → 与发票云建立连接失败: connect timed out (the demo has no proxy to reach);
//! 3. a url that is neither environment's address → 与发票云建立连接失败: connect timed out;
//! 4. an id neither mail holds, or of the other level (a tenant's TN_ id in an enterprise form,
//!    an enterprise's in 维护租户授权信息) → 非法的客户ID，请联系管理员;
//! 5. creds of the other environment: test creds on the prod url → 非法的客户id，请联系管理员,
//!    prod creds on the test url → 签名认证不通过;
//! 6. a secret or key that is not the id's → 签名认证不通过;
//! 7. the prod mail's second enterprise (licence never granted) → 无特性分组;
//! 8. otherwise 连接成功.
import { ACTIVATIONS, PROD_URL, TEST_URL } from '../../fixtures/activation-mails.mjs';

const TIMEOUT = '与发票云建立连接失败: connect timed out';

/** Every credential set the service knows: {env, level, clientId, clientSecret, encryptKey, noFeature}. */
const KNOWN = Object.values(ACTIVATIONS).flatMap((a) => [
  ...a.enterprises.map((e) => ({ ...e, env: a.environment, level: 'enterprise' })),
  { ...a.tenant, env: a.environment, level: 'tenant' },
]);

/** The environment of a url as the service is reached: only its two addresses answer. */
function environmentOf(url) {
  const u = String(url || '').replace(/\/+$/, '');
  if (u === PROD_URL) return 'prod';
  if (u === TEST_URL) return 'test';
  return null;
}

/**
 * The service's answer to 连接测试. `level` is the credential level the form takes
 * (`enterprise` or `tenant`); values are taken as typed, spaces included (the service trims
 * nothing: an id with a space is an unknown id).
 * @returns {{ok: boolean, message: string}}
 */
export function connectionTest({ level, url, proxy = '', clientId, clientSecret, encryptKey }) {
  if (!String(clientId || '').trim()) return { ok: false, message: '应用id不能为空' };
  if (String(proxy || '').trim()) return { ok: false, message: TIMEOUT };
  const env = environmentOf(url);
  if (!env) return { ok: false, message: TIMEOUT };
  const known = KNOWN.find((k) => k.clientId === clientId);
  if (!known || known.level !== level) return { ok: false, message: '非法的客户ID，请联系管理员' };
  if (known.env !== env) {
    return { ok: false, message: env === 'prod' ? '非法的客户id，请联系管理员' : '签名认证不通过' };
  }
  if (known.clientSecret !== clientSecret || known.encryptKey !== encryptKey) return { ok: false, message: '签名认证不通过' };
  if (known.noFeature) return { ok: false, message: '无特性分组' };
  return { ok: true, message: '连接成功' };
}

/**
 * The url forms without a url field (费报 发票云配置, 维护租户授权信息) are tested against: the one
 * last saved in 发票云授权配置 / 发票服务授权配置, else production (the demo console's own).
 */
let savedServiceUrl = '';
export const serviceUrl = () => savedServiceUrl || PROD_URL;
export function rememberServiceUrl(url) {
  savedServiceUrl = String(url || '');
}

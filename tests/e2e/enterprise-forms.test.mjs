// The enterprise's own forms on the demo console, filled from a pasted 授权邮件: 企业基础信息
// (企业名称 and 税号 exactly as activated, 开收票通道 新电子服务平台) and the 影像系统's 企业授权配置
// (the same enterprise creds as 收票) and 对接业务系统配置 (EAS, the 数据中心 id, eas; the EAS
// user, password and 前缀地址 stay the user's). For each: paste, choose the enterprise, open the
// form from its menu, 填充, 保存 — the page's own state is right —, 撤销 restores.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeAll, newTab, startServerAndBrowser } from '../../tools/driver/browser.mjs';
import { fill, outcomes, row, undo, waitForBar } from '../../tools/driver/bar.mjs';
import {
  IMAGE_BUSINESS_SYSTEM_MENU, IMAGE_ENTERPRISE_AUTH_MENU, openEnterpriseInfo, openFromMenuPath, save,
} from '../../tools/driver/demo-steps.mjs';
import { ACTIVATIONS, SAMPLE_MAILS, pasteMail } from '../../tools/driver/credentials-steps.mjs';

const ACCOUNT_ID = '1742050739649250304';
const [ENTERPRISE, OTHER] = ACTIVATIONS.prod.enterprises;
const TENANT = ACTIVATIONS.prod.tenant;

describe('enterprise forms filled from the pasted 授权邮件', () => {
  let browser, server;

  before(async () => ({ server, browser } = await startServerAndBrowser()));
  after(() => closeAll(browser, server));

  test('企业基础信息: the exact 企业名称 and 税号 and 新电子服务平台; 保存 holds them; 撤销 restores', async () => {
    const form = '企业基础信息';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod, ENTERPRISE.taxId);
      await openEnterpriseInfo(page);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), { 企业名称: 'filled', 税号: 'filled', 开收票通道: 'filled' });
      const saved = await save(page, form);
      assert.equal(saved.saved, true, JSON.stringify(saved.missing));
      assert.deepEqual(saved.values, { 组织编码: 'JDYS01', 企业名称: ENTERPRISE.name, 税号: ENTERPRISE.taxId, 开收票通道: '新电子服务平台' });
      await undo(page, form);
      assert.deepEqual((await save(page, form)).values, { 组织编码: 'JDYS01', 企业名称: '', 税号: '', 开收票通道: '' });
    } finally {
      await page.close();
    }
  });

  test('影像 企业授权配置: the chosen enterprise\'s 税号, 名称 and creds (the other enterprise\'s never); 撤销 restores', async () => {
    const form = '企业授权配置';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await pasteMail(browser, page, SAMPLE_MAILS.prod, OTHER.taxId);
      await openFromMenuPath(page, IMAGE_ENTERPRISE_AUTH_MENU);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), { 企业税号: 'filled', 名称: 'filled', 授权客户ID: 'filled', secret: 'filled', encrypt_key: 'filled' });
      const saved = await save(page, form);
      assert.equal(saved.saved, true);
      assert.deepEqual(saved.values, {
        企业税号: OTHER.taxId, 名称: OTHER.name, 授权客户ID: OTHER.clientId, secret: OTHER.clientSecret, encrypt_key: OTHER.encryptKey,
      });
      for (const v of [ENTERPRISE.clientId, ENTERPRISE.clientSecret, TENANT.clientId, TENANT.clientSecret]) {
        assert.ok(!Object.values(saved.values).includes(v));
      }
      await undo(page, form);
      assert.deepEqual(Object.values((await save(page, form)).values), ['', '', '', '', '']);
    } finally {
      await page.close();
    }
  });

  test('影像 对接业务系统配置: EAS, the 数据中心 id and eas; 前缀地址, EAS用户名 and EAS密码 stay the user\'s', async () => {
    const form = '对接业务系统配置';
    const page = await newTab(browser, server.consoleUrl);
    try {
      await openFromMenuPath(page, IMAGE_BUSINESS_SYSTEM_MENU);
      await waitForBar(page, form);
      await fill(page, form);
      assert.deepEqual(await outcomes(page, form), {
        业务系统: 'filled', 前缀地址: 'no-value', EAS数据中心编码: 'filled', EASSI名称: 'filled', EAS用户名: 'no-value', EAS密码: 'no-value',
      });
      for (const field of ['前缀地址', 'EAS用户名', 'EAS密码']) {
        assert.equal(await row(page, field, form).getAttribute('data-code'), 'user-input', field);
      }
      const saved = await save(page, form);
      assert.equal(saved.saved, false, 'the user\'s fields are still empty');
      assert.deepEqual(saved.values, { 业务系统: 'EAS', 前缀地址: '', EAS数据中心编码: ACCOUNT_ID, EASSI名称: 'eas', EAS用户名: '', EAS密码: '' });
      await undo(page, form);
      assert.deepEqual(Object.values((await save(page, form)).values), ['', '', '', '', '', '']);
    } finally {
      await page.close();
    }
  });
});

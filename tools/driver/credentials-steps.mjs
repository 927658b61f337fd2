// The user's steps with the activation e-mail (授权邮件): paste it into the popup of the console's
// tab (DESIGN.md "Credentials, validation and 连接测试": `paste-input`, `paste-read`,
// `paste-result`, `enterprise`), choose the enterprise, close the popup. The sample mails are
// the demo's own (www/demo/fixtures/activation-mails.mjs), so the demo's 连接测试 knows them.
import { openPopup } from './browser.mjs';

export { ACTIVATIONS, PROD_URL, SAMPLE_MAILS, TEST_URL } from '../../www/demo/fixtures/activation-mails.mjs';

/**
 * Pastes `mail` in the popup of `page`'s tab, reads it, and chooses the enterprise with
 * `taxId` (none: leave the choice as the popup made it). Resolves once the popup holds it.
 */
export async function pasteMail(browser, page, mail, taxId = null) {
  const popup = await openPopup(browser.context, browser.extensionId, page);
  try {
    await popup.getByTestId('paste-input').fill(mail);
    await popup.getByTestId('paste-read').click();
    await popup.locator('[data-testid="paste-result"][data-state="ok"]').waitFor({ timeout: 10_000 });
    if (taxId) {
      const enterprise = popup.locator(`[data-testid="enterprise"][data-tax-id="${taxId}"]`);
      await enterprise.click();
      await popup.locator(`[data-testid="enterprise"][data-tax-id="${taxId}"][data-selected="true"]`).waitFor({ timeout: 10_000 });
    }
  } finally {
    await popup.close();
  }
}

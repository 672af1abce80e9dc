// The customer archive in a real browser: log in, create an account (duplicate warning), add a
// contact, see both on the timeline, delete and restore from the recycle bin, switch language.
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { login, useDemoApp } from './support/app.js';

const app = useDemoApp();

describe('customer archive in Chromium', () => {
  it('creates, warns of duplicates, adds a contact, shows the timeline, deletes and restores', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(app.server.url);
    await page.waitForSelector('[data-testid=login-form]');
    await shot(page, 'login-zh');
    await login(page, app.server.url, 'director');
    await shot(page, 'accounts-zh');

    // An account, then a second whose name differs only by the legal-form suffix.
    const name = '深圳星河通信技术有限公司';
    await page.locator('[data-testid=account-new]').click();
    await page.locator('[data-testid=account-form-name]').fill(name);
    await page.locator('[data-testid=account-form-creditCode]').fill('91350100M000100Y43');
    await page.locator('[data-testid=account-form-submit]').click();
    await page.waitForSelector('[data-testid=account-title]');
    expect(await page.locator('[data-testid=account-title]').innerText()).toContain(name);
    const accountUrl = page.url();

    await page.goto(`${app.server.url}/accounts`);
    await page.locator('[data-testid=account-new]').click();
    await page.locator('[data-testid=account-form-name]').fill('深圳星河通信技术股份有限公司');
    await page.locator('[data-testid=account-form-shortName]').click(); // blur: the duplicate check runs
    const warning = page.locator('[data-testid=duplicate-warning]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain(name);
    await shot(page, 'duplicate-warning-zh');
    await page.keyboard.press('Escape');

    // A contact on the first account.
    await page.goto(accountUrl);
    await page.locator('[data-testid=account-tab-contacts]').click();
    await page.locator('[data-testid=contact-add]').click();
    await page.locator('[data-testid=contact-name]').fill('周晓明');
    await page.locator('[data-testid=contact-title]').fill('首席信息官');
    await page.locator('[data-testid=contact-phone]').fill('13800138000');
    await page.locator('[data-testid=contact-submit]').click();
    await page.locator('[data-testid=contacts-table]').getByText('周晓明').waitFor();
    await shot(page, 'contacts-zh');

    // Both on the timeline, newest first.
    await page.locator('[data-testid=account-tab-timeline]').click();
    const items = page.locator('[data-testid=timeline-item]');
    await items.first().waitFor();
    const kinds = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['contact.created', 'account.created']);
    await shot(page, 'timeline-zh');

    // Delete (with confirmation) and restore from the recycle bin.
    await page.locator('[data-testid=account-delete]').click();
    await page.locator('[data-testid=account-delete-confirm]').click();
    await page.waitForURL(/\/accounts$/);
    await page.goto(`${app.server.url}/recycle-bin`);
    const row = page.locator('[data-testid=recycle-bin-table] .ant-table-row', { hasText: name });
    await row.waitFor();
    await shot(page, 'recycle-bin-zh');
    await row.locator('[data-testid=recycle-bin-restore]').click();
    await row.waitFor({ state: 'detached' });
    await page.goto(accountUrl);
    await page.waitForSelector('[data-testid=account-title]');
    await page.locator('[data-testid=account-tab-contacts]').click();
    await page.locator('[data-testid=contacts-table]').getByText('周晓明').waitFor();

    // Switch to English: the same page, English words.
    await page.locator('[data-testid=lang-en]').click();
    await page.locator('[data-testid=account-tab-profile]').click();
    await page.getByText('Profile', { exact: true }).first().waitFor();
    await shot(page, 'account-en');
    await page.goto(`${app.server.url}/accounts`);
    await page.waitForSelector('[data-testid=accounts-table] .ant-table-row');
    await page.getByText('New account').waitFor();
    await shot(page, 'accounts-en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('hides contact PII from the analyst', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, app.server.url, 'analyst');
    await page.locator('[data-testid=account-link]').first().click();
    await page.locator('[data-testid=account-tab-contacts]').click();
    await page.locator('[data-testid=pii-hidden]').first().waitFor();
    await shot(page, 'pii-hidden-zh');
    expect(await page.locator('[data-testid=account-new]').count()).toBe(0);
    await context.close();
  });
});

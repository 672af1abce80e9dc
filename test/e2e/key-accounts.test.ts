// The key-account program in a real browser: a director brings a qualifying account in from the
// review with a reason, then its team writes the year's plan, adds an action and fills in the
// whitespace matrix. Screenshots in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { apiCall, login, useDemoApp } from './support/app.js';

const app = useDemoApp();

describe('key-account program in Chromium', () => {
  it('brings an account in from the review, then plans its year and maps its whitespace', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');

    // A customer the director has just raised to 重要客户, with an owner and an executive sponsor.
    const users = await apiCall<{ items?: { id: number; username: string }[] } | { id: number; username: string }[]>(page, 'GET', '/api/v1/users');
    const list = Array.isArray(users) ? users : (users.items ?? []);
    const idOf = (u: string) => list.find((x) => x.username === u)!.id;
    const name = '华东星链科技股份有限公司';
    const created = await apiCall<{ account: { id: number } }>(page, 'POST', '/api/v1/accounts', { name, ownerId: idOf('kam1'), sponsorId: idOf('sponsor'), lifecycleStatus: 'active' });
    const accountId = created.account.id;
    await apiCall(page, 'PUT', `/api/v1/accounts/${accountId}/tier-override`, { tier: 'key', reason: '集团战略客户' });

    await page.locator('.ant-menu-item', { hasText: '大客户计划' }).click();
    await page.waitForSelector('[data-testid=program-size]');
    await shot(page, 'key-accounts-zh');
    await page.locator('[data-testid=tab-review]').click();
    await page.locator('[data-testid=candidate-filter] input').fill('星链');
    const row = page.locator('[data-testid=candidates-table] .ant-table-row', { hasText: name });
    await row.waitFor();
    await row.locator('[data-testid=designate]').click();
    await page.locator('[data-testid=designate-reason]').fill('集团战略合作伙伴，年采购额增长最快');
    await shot(page, 'key-accounts-designate-zh');
    await page.locator('[data-testid=designate-ok]').click();
    await page.locator('[data-testid=candidates-table] .ant-table-row', { hasText: name }).waitFor({ state: 'detached' });
    await page.locator('[data-testid=tab-key-list]').click();
    const keyRow = page.locator('[data-testid=key-accounts-table] .ant-table-row', { hasText: name });
    await keyRow.waitFor();

    // The account's plan tab: the decision, then the 2026 plan, an action and the whitespace.
    await keyRow.locator('a').click();
    await page.waitForSelector('[data-testid=plan-tab] [data-testid=key-status]');
    expect(await page.locator('[data-testid=key-status]').innerText()).toContain('集团战略合作伙伴');
    await page.locator('[data-testid=plan-objectives]').fill('年度合同额 3,000 万元，份额提升到 40%');
    await page.locator('[data-testid=plan-save]').click();
    await page.locator('[data-testid=action-title]').waitFor();
    await page.locator('[data-testid=action-title]').fill('第一季度高层互访');
    await page.locator('[data-testid=action-add]').click();
    await page.locator('[data-testid=plan-actions] .ant-table-row', { hasText: '第一季度高层互访' }).waitFor();
    await page.locator('[data-testid=unit-name]').fill('华东分公司');
    await page.locator('[data-testid=unit-add]').click();
    await page.locator('[data-testid="cell-华东分公司-专线与组网"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '已使用' }).click();
    await page.locator('[data-testid=whitespace-save]').click();
    await page.locator('[data-testid=whitespace-save][disabled]').waitFor();
    const plan = await apiCall<{ objectives: string; actions: { title: string }[] }>(page, 'GET', `/api/v1/accounts/${accountId}/plans/${new Date().getFullYear()}`);
    expect([plan.objectives, plan.actions.map((a) => a.title)]).toEqual(['年度合同额 3,000 万元，份额提升到 40%', ['第一季度高层互访']]);
    const ws = await apiCall<{ summary: { counts: { in_use: number } } }>(page, 'GET', `/api/v1/accounts/${accountId}/whitespace`);
    expect(ws.summary.counts.in_use).toBe(1);
    await shot(page, 'account-plan-zh');

    await page.locator('[data-testid=lang-en]').click();
    await page.goto(`${app.server.url}/key-accounts`);
    await page.waitForSelector('[data-testid=program-size]');
    await page.locator('[data-testid=tab-capacity]').click();
    await page.waitForSelector('[data-testid=capacity-chart] canvas');
    await shot(page, 'key-accounts-capacity-en');
    await page.goto(`${app.server.url}/accounts/${accountId}?tab=plan`);
    await page.waitForSelector('[data-testid=plan-tab] [data-testid=key-status]');
    await shot(page, 'account-plan-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});

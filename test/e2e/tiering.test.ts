// Customer tiering in a real browser, on the demo data: the pyramid dashboard (chart and table,
// Pareto), a recompute and a snapshot, the migration page (matrix, Sankey, movers) and an
// account's explanation panel with a director's override. Screenshots in zh-CN and en.
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { login, useDemoApp } from './support/app.js';

const app = useDemoApp();

describe('customer tiering in Chromium', () => {
  it('shows the pyramid, recomputes, compares snapshots and explains one account', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');

    await page.locator('.ant-menu-item', { hasText: '客户金字塔' }).click();
    await page.waitForSelector('[data-testid=pyramid-chart] canvas');
    await page.waitForSelector('[data-testid=pareto-chart] canvas');
    const rows = page.locator('[data-testid=pyramid-table] .ant-table-row');
    expect(await rows.count()).toBe(4);
    expect(await rows.first().innerText()).toContain('重要客户');
    // The table adds up to every account of the demo (scale S: 2,000).
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number((tr.querySelectorAll('td')[1]?.textContent ?? '').replace(/[^\d]/g, ''))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(2000);
    expect(await page.locator('[data-testid=pareto-revenue]').innerText()).toMatch(/\d+\.\d%/);
    // 分级服务: the four tiers' entitlements, edited by the director.
    const ent = page.locator('[data-testid=entitlements-table] .ant-table-row');
    expect(await ent.count()).toBe(4);
    await ent.first().locator('button').click();
    const hours = page.locator('.ant-modal input').first();
    await hours.fill('2');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.locator('[data-testid=entitlements-table] .ant-table-row', { hasText: '2 小时 / 8 小时' }).waitFor();
    await shot(page, 'tiering-pyramid-zh');

    await page.locator('[data-testid=recompute]').click();
    await page.locator('.ant-message', { hasText: '已重新计算' }).waitFor();
    await page.locator('[data-testid=take-snapshot]').click();
    await page.locator('.ant-message', { hasText: '已保存快照' }).waitFor();

    await page.locator('.ant-menu-item', { hasText: '客户迁移' }).click();
    await page.waitForSelector('[data-testid=migration-matrix] .ant-table-row');
    await page.waitForSelector('[data-testid=migration-sankey] canvas');
    expect(await page.locator('[data-testid=migration-matrix] .ant-table-row').count()).toBe(5);
    await shot(page, 'tiering-migration-zh');

    // An account's explanation: open the first key account of the pyramid through the accounts list.
    await page.goto(`${app.server.url}/accounts`);
    await page.locator('[data-testid=account-link]').first().click();
    await page.locator('[data-testid=account-tab-tier]').click();
    await page.waitForSelector('[data-testid=tier-explanation] .ant-table-row');
    await page.locator('[data-testid=override-tier]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '重要客户' }).click();
    await page.locator('[data-testid=override-reason]').fill('集团总部战略客户');
    await page.locator('[data-testid=override-save]').click();
    await page.locator('[data-testid=tier-tab]', { hasText: '集团总部战略客户' }).waitFor();
    await shot(page, 'tiering-explanation-zh');

    await page.locator('[data-testid=lang-en]').click();
    await page.locator('[data-testid=tier-tab]', { hasText: 'Why this tier' }).waitFor();
    await shot(page, 'tiering-explanation-en');
    await page.goto(`${app.server.url}/tiering`);
    await page.waitForSelector('[data-testid=pyramid-chart] canvas');
    await shot(page, 'tiering-pyramid-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('scoring models in Chromium', () => {
  it('an admin starts a draft from the published model and previews it against live data', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'admin');
    await page.goto(`${app.server.url}/tiering/models`);
    await page.waitForSelector('[data-testid=models-table] .ant-table-row');
    await page.locator('[data-testid=model-new-draft]').click();
    await page.locator('[data-testid=model-save]').waitFor();
    expect(await page.locator('[data-testid=weight-sum]').innerText()).toContain('100.00%');
    await page.locator('[data-testid=model-what-if]').click();
    await page.locator('[data-testid=what-if]').waitFor();
    // The draft is a copy of the published model: nobody moves.
    expect(await page.locator('[data-testid=what-if]').innerText()).toContain('0 家客户等级会变化');
    await shot(page, 'tiering-models-zh');
    expect(errors).toEqual([]);
    await context.close();
  });
});

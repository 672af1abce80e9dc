// The forecast page and the reminders inbox in a real browser. A director's 销售预测 shows the
// weighted forecast the API computes — and the same figure this test computes from the open
// opportunities — by month and quarter, as chart and as table. An account manager's bell shows
// the unread reminders; marking one done in 我的提醒 lowers the count. Screenshots in zh-CN and en.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { apiCall, login, useDemoApp } from './support/app.js';
import { weightedSum } from '../../src/web/pipeline/forecast-model.js';

const app = useDemoApp();

interface Bucket {
  key: string;
  count: number;
  amount: string;
  weighted: string;
}

/** Every open opportunity the caller sees, page by page. */
async function openOpportunities(page: Page) {
  const out: { amount: string; probability: number; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const res: { items: { amount: string; probability: number; status: string }[]; nextCursor: string | null } = await apiCall(page, 'GET', `/api/v1/opportunities?status=open&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    out.push(...res.items);
    cursor = res.nextCursor;
  } while (cursor);
  return out;
}

const money = (value: string, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value as `${number}`);
const kpi = (page: Page, id: string) => page.locator(`[data-testid=${id}] .ant-statistic-content`).innerText();
/** The bell's number (antd hides the badge at 0). */
async function bellCount(page: Page): Promise<number> {
  const badge = page.locator('[data-testid=reminder-bell-count] .ant-badge-count');
  return (await badge.count()) === 0 ? 0 : Number(await badge.getAttribute('title'));
}

describe('forecast and reminders in Chromium', () => {
  it('shows the weighted forecast the API computes, by month and quarter, as chart and table', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');

    const { currency } = await apiCall<{ currency: string }>(page, 'GET', '/api/v1/meta');
    const f = await apiCall<{ total: Bucket; byMonth: Bucket[]; byQuarter: Bucket[] }>(page, 'GET', '/api/v1/pipeline/forecast');
    const opps = await openOpportunities(page);
    expect(f.total.count).toBe(opps.length);
    expect(opps.length).toBeGreaterThan(0);
    // Σ amount × probability of the open opportunities, computed here from the list.
    expect(weightedSum(opps)).toBe(f.total.weighted);

    await page.locator('[data-testid=nav-pipeline-forecast]').click();
    await page.waitForSelector('[data-testid=forecast-chart] canvas');
    expect(await kpi(page, 'kpi-weighted')).toBe(money(f.total.weighted, currency, 'zh-CN'));
    const metrics = await apiCall<{ openValue: string; winRate: { rate: number | null } }>(page, 'GET', '/api/v1/pipeline/metrics');
    expect(await kpi(page, 'kpi-open')).toBe(money(metrics.openValue, currency, 'zh-CN'));
    await page.waitForSelector('[data-testid=funnel-chart] canvas');
    await shot(page, 'forecast-zh');

    // Quarterly, as a table: one row per quarter, the total row the API's figure.
    await page.locator('[data-testid=forecast-period] .ant-segmented-item', { hasText: '按季度' }).click();
    await page.locator('[data-testid=forecast-view] .ant-segmented-item', { hasText: '表格' }).click();
    await page.waitForSelector('[data-testid=forecast-table] .ant-table-row');
    expect(await page.locator('[data-testid=forecast-table] .ant-table-row').count()).toBe(f.byQuarter.length);
    expect(await page.locator('[data-testid=forecast-table-total]').innerText()).toBe(money(f.total.weighted, currency, 'zh-CN'));
    const firstQuarter = f.byQuarter[0]!;
    const firstRow = page.locator('[data-testid=forecast-table] .ant-table-row').first();
    expect(await firstRow.innerText()).toContain(money(firstQuarter.weighted, currency, 'zh-CN'));
    // Monthly: one row per month.
    await page.locator('[data-testid=forecast-period] .ant-segmented-item', { hasText: '按月' }).click();
    await expect.poll(() => page.locator('[data-testid=forecast-table] .ant-table-row').count(), { timeout: 10_000 }).toBe(f.byMonth.length);
    await page.locator('[data-testid=forecast-split] .ant-segmented-item', { hasText: '按客户等级' }).click();
    await page.locator('[data-testid=funnel-view] .ant-segmented-item', { hasText: '表格' }).click();
    await page.waitForSelector('[data-testid=funnel-table] .ant-table-row');
    expect(await page.locator('[data-testid=funnel-table] .ant-table-row').count()).toBe(8);

    // Stalled deals over 7 days link to their opportunity.
    await page.locator('input[data-testid=stalled-days], [data-testid=stalled-days] input').fill('7');
    const stalled = await apiCall<{ items: { id: number; name: string }[] }>(page, 'GET', '/api/v1/pipeline/stalled?days=7&limit=100');
    if (stalled.items.length) {
      await page.locator('[data-testid=stalled-table] .ant-table-row', { hasText: stalled.items[0]!.name }).first().waitFor();
      expect(await page.locator('[data-testid=stalled-table] .ant-table-row a').first().getAttribute('href')).toBe(`/opportunities/${stalled.items[0]!.id}`);
    } else {
      await page.locator('[data-testid=stalled-table] .ant-empty').waitFor();
    }
    await shot(page, 'forecast-tables-zh');

    // Win/loss by competitor: the API's rows, in its order, the first one's figures on the page.
    const rivals = await apiCall<{ items: { name: string; winRate: { won: number; lost: number } }[] }>(page, 'GET', '/api/v1/pipeline/competitors?limit=50');
    const rivalRows = page.locator('[data-testid=competitors-table] .ant-table-row');
    if (rivals.items.length) {
      await rivalRows.first().waitFor();
      expect(await rivalRows.count()).toBe(rivals.items.length);
      const top = rivals.items[0]!;
      expect(await rivalRows.first().innerText()).toContain(top.name);
      expect(await rivalRows.first().innerText()).toContain(`${top.winRate.won} / ${top.winRate.lost}`);
    } else {
      await page.locator('[data-testid=competitors-table] .ant-empty').waitFor();
    }
    await shot(page, 'forecast-competitors-zh');

    await page.locator('[data-testid=lang-en]').click();
    await page.goto(`${app.server.url}/pipeline/forecast`);
    await page.waitForSelector('[data-testid=forecast-chart] canvas');
    expect(await kpi(page, 'kpi-weighted')).toBe(money(f.total.weighted, currency, 'en-US'));
    await page.locator('[data-testid=forecast-period] .ant-segmented-item', { hasText: 'Quarterly' }).click();
    await page.waitForTimeout(300);
    await shot(page, 'forecast-en');
    await page.locator('[data-testid=competitors-table] .ant-table-row, [data-testid=competitors-table] .ant-empty').first().waitFor();
    await shot(page, 'forecast-competitors-en');

    // An owner without opportunities (the analyst): empty states, zero figures.
    const users = await apiCall<{ items?: { id: number; username: string }[] } | { id: number; username: string }[]>(page, 'GET', '/api/v1/users');
    const analyst = (Array.isArray(users) ? users : (users.items ?? [])).find((u) => u.username === 'analyst')!;
    await page.goto(`${app.server.url}/pipeline/forecast?ownerId=${analyst.id}`);
    await page.waitForSelector('[data-testid=forecast-empty]');
    expect(await kpi(page, 'kpi-weighted')).toBe(money('0.00', currency, 'en-US'));
    await page.locator('[data-testid=stalled-table] .ant-empty').waitFor();
    await shot(page, 'forecast-empty-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the unread reminders in the header; marking one done lowers the count', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'kam1');

    // An account of kam1's with a decision maker nobody has contacted yet: the measures raise an alert.
    const created = await apiCall<{ account: { id: number } }>(page, 'POST', '/api/v1/accounts', { name: '江南云帆数据科技有限公司', lifecycleStatus: 'active' });
    await apiCall(page, 'POST', `/api/v1/accounts/${created.account.id}/stakeholders`, { name: '周总', title: '总经理', buyingRole: 'decision_maker', influence: 9, attitude: 'neutral' });
    const before = await apiCall<{ unread: number; open: number }>(page, 'GET', '/api/v1/reminders/unread-count');
    expect(before.unread).toBeGreaterThan(0);

    await page.reload();
    await page.waitForSelector('[data-testid=reminder-bell-count] .ant-badge-count');
    expect(await bellCount(page)).toBe(before.unread);
    await page.locator('[data-testid=reminder-bell]').click();
    await page.waitForURL(/\/reminders\?filter=unread/);
    // Two alerts: the decision maker is uncontacted, and so is a key person (influence ≥ 7) — the same one.
    const row = page.locator('[data-testid=reminders-table] .ant-table-row', { hasText: '江南云帆数据科技有限公司' }).filter({ hasText: '高层决策者未联系' });
    await row.waitFor();
    expect(await row.innerText()).toContain('江南云帆数据科技有限公司：高层决策者 周总 从未联系');
    expect(await row.locator('[data-testid=reminder-link]').getAttribute('href')).toBe(`/accounts/${created.account.id}?tab=relationships`);
    await shot(page, 'reminders-zh');

    await row.locator('[data-testid=reminder-done]').click();
    await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe(before.unread - 1);
    const after = await apiCall<{ unread: number; open: number }>(page, 'GET', '/api/v1/reminders/unread-count');
    expect(after).toEqual({ unread: before.unread - 1, open: before.open - 1 });

    // The other one (the key person) marked read in bulk: selected, then 选中的标为已读.
    const other = page.locator('[data-testid=reminders-table] .ant-table-row', { hasText: '江南云帆数据科技有限公司' }).filter({ hasText: '关键人长期未联系' });
    await other.locator('.ant-checkbox-input').check();
    await page.locator('[data-testid=bulk-read]').click();
    await expect.poll(() => bellCount(page), { timeout: 10_000 }).toBe(before.unread - 2);
    await other.waitFor({ state: 'detached' }); // read: no longer under 未读

    // Done ones are under 已完成.
    await page.locator('[data-testid=reminder-filter] .ant-segmented-item', { hasText: '已完成' }).click();
    await page.locator('[data-testid=reminders-table] .ant-table-row', { hasText: '江南云帆数据科技有限公司' }).first().waitFor();

    await page.locator('[data-testid=lang-en]').click();
    await page.goto(`${app.server.url}/reminders?filter=open`);
    await page.waitForSelector('[data-testid=reminders-table] .ant-table-row, [data-testid=reminders-empty]');
    // The same reminder worded in English from its facts (the person's name is data, not words).
    const stale = page.locator('[data-testid=reminders-table] .ant-table-row', { hasText: '江南云帆数据科技有限公司' }).filter({ hasText: 'key person 周总 not contacted for more than' });
    await stale.waitFor();
    await shot(page, 'reminders-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});

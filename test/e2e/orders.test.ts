// Orders and receivables in a real browser, on the demo data: the orders list with its lines, the
// portfolio aging (cards, chart, debtors) and the way from a debtor to the account's payments.
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { login, useDemoApp } from './support/app.js';

const app = useDemoApp();

const money = (text: string) => Number(text.replace(/[^\d.-]/g, ''));

describe('orders and receivables in Chromium', () => {
  it('lists orders with their lines, shows the portfolio aging and leads from a debtor to its payments', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');

    await page.locator('.ant-menu-item', { hasText: '订单' }).click();
    await page.waitForSelector('[data-testid=orders-table] .ant-table-row');
    // An order's amount is the sum of its lines: expand the first and add them up.
    const firstRow = page.locator('[data-testid=orders-table] .ant-table-row').first();
    const orderAmount = money(await firstRow.locator('[data-testid=order-amount]').innerText());
    await firstRow.locator('.ant-table-row-expand-icon').click();
    const lines = page.locator('[data-testid^=order-lines-] .ant-table-row');
    await lines.first().waitFor();
    let sum = 0;
    for (const row of await lines.all()) sum += money(await row.locator('td').nth(5).innerText());
    expect(Math.round(sum * 100)).toBe(Math.round(orderAmount * 100));
    await shot(page, 'orders-zh');

    // Sorting by amount, largest first.
    await page.locator('[data-testid=order-sort]').click();
    const sorted = page.waitForResponse((r) => r.url().includes('/api/v1/orders?') && r.url().includes('sort=-amount'));
    await page.locator('.ant-select-item-option', { hasText: '金额 ↓' }).click();
    await sorted;
    // The previous page stays on screen until the sorted one renders: wait until it is there.
    const amounts = async () => (await page.locator('[data-testid=orders-table] [data-testid=order-amount]').allInnerTexts()).map(money);
    const isSortedDesc = (v: number[]) => v.length > 5 && v.every((x, i) => i === 0 || v[i - 1]! >= x);
    await expect.poll(async () => isSortedDesc(await amounts()), { timeout: 15_000 }).toBe(true);

    await page.locator('.ant-menu-item', { hasText: '回款与应收' }).click();
    await page.waitForSelector('[data-testid=receivables-aging]');
    await page.waitForSelector('[data-testid=aging-chart] canvas');
    await page.waitForSelector('[data-testid=debtors-table] .ant-table-row');
    await page.waitForSelector('[data-testid=payments-table] .ant-table-row');
    const statuses = await page.locator('[data-testid=payments-table] [data-testid=payment-status]').allInnerTexts();
    expect(statuses.every((s) => s.startsWith('逾期'))).toBe(true);
    await shot(page, 'receivables-zh');

    const debtor = page.locator('[data-testid=debtors-table] .ant-table-row').first();
    const name = await debtor.locator('a').innerText();
    await debtor.locator('a').click();
    await page.waitForSelector('[data-testid=payments-tab] [data-testid=receivables-aging]');
    expect(await page.locator('[data-testid=account-title]').innerText()).toContain(name);
    const overdue = await page.locator('[data-testid=payments-tab] [data-testid=payment-status]').allInnerTexts();
    expect(overdue.some((s) => s.startsWith('逾期'))).toBe(true);
    await shot(page, 'account-payments-zh');

    await page.locator('[data-testid=lang-en]').click();
    await page.goto(`${app.server.url}/receivables`);
    await page.waitForSelector('[data-testid=aging-chart] canvas');
    await page.waitForSelector('[data-testid=debtors-table] .ant-table-row');
    expect(await page.locator('h3').first().innerText()).toBe('Receivables');
    await shot(page, 'receivables-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});

// The project pipeline in a real browser, on the demo data: drag a card on the board (a move back
// goes through; a move forward past unmet exit criteria is refused, rolled back, and then
// overridden with a reason), the column totals, the detail page with its stage history, setting
// an information point, and the board, list and detail pages in zh-CN and en.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shot } from './support/browser.js';
import { login, useDemoApp } from './support/app.js';

const app = useDemoApp();

const card = (page: Page, id: string) => page.locator(`[data-testid=board-card-${id}]`);
const count = async (page: Page, column: number | 'lost') => Number(await page.locator(`[data-testid=board-column-${column}-count]`).innerText());
const firstCardId = async (page: Page, column: number | 'lost') => (await page.locator(`[data-testid=board-column-${column}] [data-card-id]`).first().getAttribute('data-card-id'))!;

describe('pipeline board, list and detail in Chromium', () => {
  it('moves opportunities by dragging (one refused for unmet criteria, then overridden), opens one and sets an information point', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');

    await page.locator('.ant-menu-item', { hasText: '商机看板' }).click();
    await page.waitForSelector('[data-testid=pipeline-board] [data-testid=board-column-1] [data-testid=board-card-link]', { timeout: 90_000 }).catch(async (e: unknown) => {
      await shot(page, 'pipeline-debug');
      throw e;
    });
    expect(await page.locator('[data-testid=board-column-1]').innerText()).toContain('项目立项');
    expect(await page.locator('[data-testid=board-column-3]').innerText()).toContain('30%');
    await shot(page, 'pipeline-board-zh');

    // 1. A move back (深度接触 → 方案设定) needs no criteria: it goes through.
    const back = await firstCardId(page, 3);
    const [n2, n3] = [await count(page, 2), await count(page, 3)];
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${back}/stage`) && r.request().method() === 'POST');
    await card(page, back).dragTo(page.locator('[data-testid=board-column-2]'));
    expect((await moved).status()).toBe(200);
    await expect.poll(() => card(page, back).getAttribute('data-stage')).toBe('2');
    await expect.poll(async () => [await count(page, 2), await count(page, 3)]).toEqual([n2 + 1, n3 - 1]);
    expect(await page.locator('[data-testid=move-dialog]').count()).toBe(0);

    // 2. A move forward (项目立项 → 方案设定) with the exit criteria unmet: refused and rolled back,
    // the dialog names the two criteria of 项目立项; overriding with a reason moves it.
    const forward = await firstCardId(page, 1);
    const refused = page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${forward}/stage`) && r.request().method() === 'POST');
    await card(page, forward).dragTo(page.locator('[data-testid=board-column-2]'));
    expect((await refused).status()).toBe(400);
    await page.waitForSelector('[data-testid=move-unmet]');
    const unmet = await page.locator('[data-testid=move-unmet] .ant-list-item').allInnerTexts();
    expect(unmet).toHaveLength(2);
    expect(unmet.every((u) => u.startsWith('项目立项'))).toBe(true);
    await expect.poll(() => card(page, forward).getAttribute('data-stage')).toBe('1');
    await shot(page, 'pipeline-override-zh');
    // The reason is required.
    await page.locator('[data-testid=move-submit]').click();
    await page.waitForSelector('.ant-form-item-explain-error');
    await page.locator('[data-testid=move-reason]').fill('客户总经理已口头确认需求和预算');
    const overridden = page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${forward}/stage`) && r.request().method() === 'POST');
    await page.locator('[data-testid=move-submit]').click();
    expect((await overridden).status()).toBe(200);
    await expect.poll(() => card(page, forward).getAttribute('data-stage')).toBe('2');

    // 3. The keyboard / menu way: close one lost from its ⋯ menu — reason and winning competitor asked.
    await page.locator('[data-testid=board-column-lost-toggle]').click();
    await page.waitForSelector('[data-testid=board-column-lost]:not([data-collapsed])');
    const lostBefore = await count(page, 'lost');
    const toLose = await firstCardId(page, 4);
    await card(page, toLose).locator('[data-testid=board-card-menu]').click();
    await page.locator('[data-testid=move-to-lost]').click();
    // The competitor first: its suggestions close when the reason field takes the focus.
    await page.locator('[data-testid=move-winning-competitor]').locator('xpath=descendant-or-self::input').first().fill('华为');
    await page.locator('[data-testid=move-lost-reason]').click();
    await page.locator('[data-testid=move-lost-reason]').fill('价格高于对手 15%');
    const lost = page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${toLose}/stage`) && r.request().method() === 'POST');
    await page.locator('[data-testid=move-submit]').click();
    expect((await lost).status()).toBe(200);
    await expect.poll(() => card(page, toLose).getAttribute('data-stage')).toBe('lost');
    await expect.poll(() => count(page, 'lost')).toBe(lostBefore + 1);
    await expect.poll(() => card(page, toLose).innerText()).toContain('输给：华为');

    // 4. The detail page: stage 方案设定, the override in the history; set information point 1.
    await card(page, forward).locator('[data-testid=board-card-link]').click();
    await page.waitForSelector('[data-testid=opportunity-steps]');
    expect(await page.locator('[data-testid=opportunity-steps] .ant-steps-item-process, [data-testid=opportunity-steps] .ant-steps-item-active').first().innerText()).toContain('方案设定');
    await page.locator('[data-testid=opportunity-tab-history]').click();
    const history = await page.locator('[data-testid=stage-history]').innerText();
    expect(history).toContain('项目立项 → 方案设定');
    expect(history).toContain('越过标准推进');
    expect(history).toContain('理由：客户总经理已口头确认需求和预算');
    await page.locator('[data-testid=opportunity-tab-info]').click();
    await page.locator('[data-testid=info-point-1-edit]').click();
    await page.locator('[data-testid=info-status-known]').click();
    await page.locator('[data-testid=info-point-notes-input]').fill('分三期推进；难点是与现有 ERP 的接口');
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${forward}/info-points/1`) && r.request().method() === 'PUT');
    await page.locator('[data-testid=info-point-save]').click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.locator('[data-testid=info-point-1-status]').innerText()).toBe('已掌握');
    expect(await page.locator('[data-testid=info-point-1-notes]').innerText()).toContain('与现有 ERP 的接口');
    await shot(page, 'opportunity-detail-zh');
    await page.locator('[data-testid=opportunity-tab-six]').click();
    await page.waitForSelector('[data-testid=six-step-6]');
    expect(await page.locator('[data-testid=six-step-4]').innerText()).toContain('分三期推进');
    await shot(page, 'opportunity-six-step-zh');
    // The account's 商机 tab lists it.
    const oppName = await page.locator('[data-testid=opportunity-title]').innerText();
    await page.locator('[data-testid=opportunity-account-link]').click();
    await page.waitForSelector('[data-testid=opportunities-tab] .ant-table-row');
    expect(await page.locator('[data-testid=opportunities-tab]').innerText()).toContain(oppName);
    await shot(page, 'account-opportunities-zh');

    // 5. The list: sorted by expected close (the default), ascending.
    await page.goto(`${app.server.url}/opportunities`);
    await page.waitForSelector('[data-testid=opportunities-table] .ant-table-row');
    const dates = await page.locator('[data-testid=opportunities-table] [data-testid=opportunity-close]').allInnerTexts();
    const known = dates.filter((d) => d !== '—');
    expect(known.length).toBeGreaterThan(5);
    expect([...known].sort()).toEqual(known);
    await shot(page, 'opportunities-list-zh');

    // 6. English.
    await page.locator('[data-testid=lang-en]').click();
    await page.goto(`${app.server.url}/pipeline`);
    await page.waitForSelector('[data-testid=pipeline-board] [data-testid=board-card-link]');
    expect(await page.locator('[data-testid=board-column-1]').innerText()).toContain('Project initiation');
    await shot(page, 'pipeline-board-en');
    await page.goto(`${app.server.url}/opportunities`);
    await page.waitForSelector('[data-testid=opportunities-table] .ant-table-row');
    expect(await page.locator('h3').first().innerText()).toBe('Opportunities');
    await shot(page, 'opportunities-list-en');
    await page.goto(`${app.server.url}/opportunities/${forward}`);
    await page.waitForSelector('[data-testid=info-points-table]');
    expect(await page.locator('[data-testid=info-point-1-status]').innerText()).toBe('Known');
    await shot(page, 'opportunity-detail-en');
    await page.locator('[data-testid=opportunity-tab-six]').click();
    await page.waitForSelector('[data-testid=six-step-6]');
    await shot(page, 'opportunity-six-step-en');

    expect(errors).toEqual([]);
    await context.close();
  });
});

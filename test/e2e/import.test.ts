// 数据导入 in a real browser: a director uploads a CSV of accounts with some bad rows, reads the
// validation report (and downloads it), imports the good rows with 跳过错误行, and finds them in
// the accounts list. Screenshots of each step in zh-CN, and of the mapping and result in English.
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shot } from './support/browser.js';
import { login, useDemoApp } from './support/app.js';

const app = useDemoApp();

const CSV = [
  '客户名称,客户编码,行业,区域,年营业额,员工人数,备注',
  '浏览器导入华东电气有限公司,E2E-001,制造业,华东,"12,500,000.00",860,老客户',
  '浏览器导入西南物流集团,E2E-002,物流,西南,¥3800000,420,',
  ',E2E-003,零售,华南,100000,12,缺少名称',
  '浏览器导入北方能源股份有限公司,E2E-004,能源,华北,一千万,300,金额写成了汉字',
  '浏览器导入海川软件有限公司,E2E-005,软件,华东,960000,95,',
  '浏览器导入星河通信技术有限公司,E2E-006,通信,华南,5200000,很多,人数不是数字',
].join('\r\n');

async function upload(page: Page, name: string, text: string) {
  await page.locator('.ant-upload input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${text}`, 'utf8') });
  await page.locator('[data-testid=import-mapping]').waitFor();
}

describe('数据导入 in Chromium', () => {
  it('uploads, checks, reads the report, imports the good rows and finds them in the accounts list', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await login(page, app.server.url, 'director');
    await page.locator('[data-testid=nav-import]').click();
    await page.locator('[data-testid=import-dropzone]').waitFor();
    await page.locator('[data-testid=import-jobs-table]').waitFor();
    await shot(page, 'import-1-upload-zh');

    // Upload → preview with the mapping the header names suggest (备注 has no field: ignored).
    await upload(page, '华东区客户.csv', CSV);
    const mappingTable = page.locator('[data-testid=import-mapping-table]');
    expect(await mappingTable.locator('.ant-table-row').count()).toBe(7);
    expect(await mappingTable.locator('.ant-table-row').nth(0).innerText()).toContain('客户名称');
    expect(await page.locator('[data-testid=import-map-6]').innerText()).toContain('忽略此列');
    expect(await page.locator('[data-testid=import-preview-table] .ant-table-row').count()).toBe(6);
    await shot(page, 'import-2-mapping-zh');

    // Check (dry run): three bad rows, named by row and column.
    await page.locator('[data-testid=import-check]').click();
    await page.locator('[data-testid=import-checked]').waitFor();
    expect(await page.locator('[data-testid=import-check-bad]').innerText()).toContain('6 行中有 3 行存在问题');
    const reportRows = page.locator('[data-testid=import-report-table] .ant-table-row');
    expect(await reportRows.count()).toBe(3);
    expect(await reportRows.nth(0).innerText()).toMatch(/^4\s+客户名称 \(A\)/);
    expect(await reportRows.nth(1).innerText()).toMatch(/^5\s+年营业额 \(E\)/);
    expect(await reportRows.nth(2).innerText()).toMatch(/^7\s+员工人数 \(F\)/);
    await shot(page, 'import-3-report-zh');

    // The report downloads as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=import-report-download]').click()]);
    expect(download.suggestedFilename()).toBe('华东区客户-校验报告.csv');
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF行号,列,字段,代码,原因');
    expect(csv.split('\r\n').filter((l) => /^\d/.test(l)).map((l) => l.split(',')[0])).toEqual(['4', '5', '7']);

    // Import the good rows, skipping the bad ones.
    await page.locator('[data-testid=import-mode-skip]').click();
    await shot(page, 'import-4-options-zh');
    await page.locator('[data-testid=import-run]').click();
    await page.locator('[data-testid=import-result]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=import-count-created]').innerText()).toContain('3');
    expect(await page.locator('[data-testid=import-count-rejected]').innerText()).toContain('3');
    await shot(page, 'import-5-result-zh');
    const jobUrl = page.url();

    // The recent imports list shows it finished.
    await page.locator('[data-testid=import-job-status]').first().filter({ hasText: '已完成' }).waitFor();

    // The accounts are in the list.
    await page.locator('[data-testid=import-open-list]').click();
    await page.waitForURL(/\/accounts/);
    await page.locator('[data-testid=account-search] input').fill('浏览器导入');
    await page.locator('[data-testid=account-search] input').press('Enter');
    await expect.poll(() => page.locator('[data-testid=accounts-table] .ant-table-row').count(), { timeout: 15_000 }).toBe(3);
    const names = await page.locator('[data-testid=account-link]').allInnerTexts();
    expect(names.sort()).toEqual(['浏览器导入华东电气有限公司', '浏览器导入海川软件有限公司', '浏览器导入西南物流集团'].sort());
    await shot(page, 'import-6-accounts-zh');

    // English: the finished job, and a new upload's mapping step.
    await page.locator('[data-testid=lang-en]').click();
    await page.goto(jobUrl);
    await page.locator('[data-testid=import-result]').waitFor();
    await page.getByText('Import finished').waitFor();
    await shot(page, 'import-5-result-en');
    await page.locator('[data-testid=import-another]').click();
    await page.locator('[data-testid=import-entity]').click();
    await page.locator('.ant-select-item-option', { hasText: 'Contacts' }).click();
    await upload(page, 'contacts.csv', '客户名称,姓名,职务,手机\n浏览器导入海川软件有限公司,李明,采购经理,13800138000\n');
    await page.getByText('Import as').first().waitFor();
    expect(await page.locator('[data-testid=import-map-1]').innerText()).toContain('Name'); // 姓名 → the contact's name
    await shot(page, 'import-2-mapping-en');

    expect(errors).toEqual([]);
    await context.close();
  });

  it('imports opportunities (商机) from the same page, into the pipeline', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await login(page, app.server.url, 'director');
    const account = ((await (await page.request.get(`${app.server.url}/api/v1/accounts?limit=1&sort=name`)).json()) as { items: { id: number; name: string }[] }).items[0]!;

    await page.goto(`${app.server.url}/import`);
    await page.locator('[data-testid=import-entity]').click();
    await page.locator('.ant-select-item-option', { hasText: '商机' }).click();
    await upload(page, '商机.csv', `商机编号,客户名称,商机名称,金额,阶段\nE2E-OPP-1,${account.name},浏览器导入商机甲,1200000,深度接触\nE2E-OPP-2,${account.name},浏览器导入商机乙,350000,1\n`);
    await page.locator('[data-testid=import-check]').click();
    await page.locator('[data-testid=import-checked]').waitFor();
    await page.locator('[data-testid=import-run]').click();
    await page.locator('[data-testid=import-result]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=import-count-created]').innerText()).toContain('2');
    await shot(page, 'import-opportunities-result-zh');
    await page.locator('[data-testid=import-open-list]').click();
    await page.waitForURL(/\/opportunities/);

    // In the pipeline, on the account, at their stages.
    const listed = (await (await page.request.get(`${app.server.url}/api/v1/opportunities?accountId=${account.id}&q=${encodeURIComponent('浏览器导入商机')}&limit=10`)).json()) as { items: { name: string; stage: number; amount: string }[] };
    expect(listed.items.map((o) => [o.name, o.stage, o.amount]).sort()).toEqual([['浏览器导入商机乙', 1, '350000.00'], ['浏览器导入商机甲', 3, '1200000.00']]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is not offered to an account manager', async () => {
    const context = await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await login(page, app.server.url, 'kam1');
    expect(await page.locator('[data-testid=nav-import]').count()).toBe(0);
    await page.goto(`${app.server.url}/import`);
    await page.getByText('403').waitFor();
    await context.close();
  });
});

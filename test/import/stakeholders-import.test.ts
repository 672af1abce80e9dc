// Stakeholders (决策链关键人) and opportunities imported with Chinese headers: the words of the
// methodology (内线, 怀疑者, 项目立项 …) become the stored values; bad rows are named; re-import updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { all, kamImport, tempDir, writeText } from './support.js';

describe('stakeholders and opportunities with Chinese headers', () => {
  let d: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    d = await createTestDatabase();
    dir = tempDir('stakeholders');
    await kamImport(d.db, 'accounts', writeText(dir, 'a.csv', '客户名称,客户编码\n浙江移动,ZJYD\n'));
  });
  afterAll(async () => d?.destroy());

  it('imports people with their buying role, attitude, kind, influence and level, naming bad rows', async () => {
    const csv = [
      '客户编码,姓名,职务,角色,立场,非支持类型,影响力,关系级别,最近联系日期',
      'ZJYD,王建国,总经理,高层决策者,敌对者,,9,1,2026-08-24',
      'ZJYD,李明,信息技术部主任,技术评估者,内线,,8,5,2026-11-20',
      'ZJYD,吴刚,运维主管,使用者,中立者,怀疑者,3,2,',
      'ZJYD,赵丽,采购经理,把关者,支持者,误解者,6,3,', // a kind for a supporter: refused
      'ZJYD,钱进,工程师,使用者,中立者,,11,2,', // influence out of range
    ].join('\n');
    const r = await kamImport(d.db, 'stakeholders', writeText(dir, 's.csv', csv), { skipInvalid: true });
    expect(r.report).toMatchObject({ rows: 5, created: 3, rejected: 2 });
    expect(r.err.join('\n')).toMatch(/attitudeKind|非支持/);
    const rows = await all(d.db, `select name, buying_role, attitude, attitude_kind, influence, relationship_level, last_contact_date::text from stakeholders order by id`);
    expect(rows).toEqual([
      { name: '王建国', buying_role: 'decision_maker', attitude: 'opponent', attitude_kind: null, influence: 9, relationship_level: 1, last_contact_date: '2026-08-24' },
      { name: '李明', buying_role: 'technical_evaluator', attitude: 'coach', attitude_kind: null, influence: 8, relationship_level: 5, last_contact_date: '2026-11-20' },
      { name: '吴刚', buying_role: 'user', attitude: 'neutral', attitude_kind: 'skeptic', influence: 3, relationship_level: 2, last_contact_date: null },
    ]);
    // Re-import: 李明 becomes an ally; the others are unchanged.
    const again = await kamImport(d.db, 'stakeholders', writeText(dir, 's2.csv', '客户编码,姓名,立场\nZJYD,李明,结盟者\nZJYD,王建国,敌对者\n'));
    expect(again.report).toMatchObject({ rows: 2, created: 0, updated: 1, unchanged: 1 });
  });

  it('imports opportunities by stage name, closed lost with a reason, and updates them by number', async () => {
    const csv = ['商机编号,客户编码,商机名称,金额,阶段,预计成交日期,输单原因,赢单对手', 'OPP-1,ZJYD,5G 专网,1200000,深度接触,2027-03-31,,', 'OPP-2,ZJYD,机房改造,300000,输单,2026-10-31,价格高,华为', 'OPP-3,ZJYD,云桌面,80000,第九阶段,,,'].join('\n');
    const r = await kamImport(d.db, 'opportunities', writeText(dir, 'o.csv', csv), { skipInvalid: true });
    expect(r.report).toMatchObject({ rows: 3, created: 2, rejected: 1 });
    expect(await all(d.db, `select external_ref, stage, status, amount::text, lost_reason, winning_competitor, closed_on::text from opportunities order by id`)).toEqual([
      { external_ref: 'OPP-1', stage: 3, status: 'open', amount: '1200000.00', lost_reason: null, winning_competitor: null, closed_on: null },
      { external_ref: 'OPP-2', stage: 1, status: 'lost', amount: '300000.00', lost_reason: '价格高', winning_competitor: '华为', closed_on: '2026-10-31' },
    ]);
    const again = await kamImport(d.db, 'opportunities', writeText(dir, 'o2.csv', '商机编号,客户编码,阶段\nOPP-1,ZJYD,产品确定\n'));
    expect(again.report).toMatchObject({ rows: 1, updated: 1 });
    // Only the stage changed: name and amount (no cells) are kept.
    expect(await all(d.db, `select name, amount::text, stage, max_stage from opportunities where external_ref = 'OPP-1'`)).toEqual([{ name: '5G 专网', amount: '1200000.00', stage: 4, max_stage: 4 }]);
  });
});

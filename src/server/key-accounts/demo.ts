// Demo data for the key-account program: the sponsored active accounts (best tier and score
// first, 12 at most) become the first key accounts, each with a decision, and the first three get
// this year's account plan. Run after the tiers are computed, so `met_criteria` is true to them.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const REASON = '首批大客户：有高层负责人的活跃重要客户（演示数据）';

export async function seedKeyAccounts(db: Kysely<DB>, opts: { now: Date }): Promise<{ keyAccounts: number; plans: number }> {
  return db.transaction().execute(async (trx) => {
    const chosen = await sql<{ id: number; owner_id: number; met: boolean }>`
      select a.id, a.owner_id, coalesce(coalesce(o.tier, r.tier) = 1, false) as met
      from accounts a
      left join tier_results r on r.account_id = a.id
      left join tier_overrides o on o.account_id = a.id
      where a.sponsor_id is not null and a.owner_id is not null and a.lifecycle_status = 'active'
        and not exists (select 1 from key_accounts k where k.account_id = a.id)
      order by coalesce(o.tier, r.tier, 4), r.score desc nulls last, a.id
      limit 12`.execute(trx);
    if (chosen.rows.length === 0) return { keyAccounts: 0, plans: 0 };
    const designatedAt = new Date(opts.now.getTime() - 90 * 86_400_000); // a quarter ago: the last review
    for (const c of chosen.rows) {
      await trx.insertInto('key_accounts').values({ account_id: c.id, reason: REASON, met_criteria: c.met, designated_at: designatedAt }).execute();
      await trx.insertInto('key_account_decisions').values({ account_id: c.id, action: 'designate', reason: REASON, met_criteria: c.met, decided_at: designatedAt }).execute();
    }
    const year = opts.now.getUTCFullYear();
    const withPlans = chosen.rows.slice(0, 3);
    for (const c of withPlans) {
      const plan = await trx
        .insertInto('account_plans')
        .values({
          account_id: c.id,
          year,
          objectives: '年度合同额同比增长 20%；核心业务份额提升到 40%。',
          strategies: '高层每季度互访；联合创新项目切入研发中心；升级为重要客户分级服务。',
          risks: '竞争对手低价切入；关键决策人岗位变动。',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('account_plan_actions')
        .values([
          { plan_id: plan.id, title: '季度业务回顾（QBR）', owner_id: c.owner_id, due_date: `${year}-03-31`, status: 'done' },
          { plan_id: plan.id, title: '高层互访与年度答谢', owner_id: c.owner_id, due_date: `${year}-06-30`, status: 'open' },
          { plan_id: plan.id, title: '白区机会梳理：安全服务与物联网', owner_id: c.owner_id, due_date: `${year}-09-30`, status: 'open' },
        ])
        .execute();
    }
    return { keyAccounts: chosen.rows.length, plans: withPlans.length };
  });
}

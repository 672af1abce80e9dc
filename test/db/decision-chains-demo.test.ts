// The demo decision chains and pipeline: deterministic, plausible (an org chart without
// reports-to cycles, stages and statuses that agree), and not doubled by a second run.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMap, generateOpportunities, MAP_ACCOUNTS, seedDecisionChains } from '../../src/server/demo/decision-chains.js';
import { createRandom } from '../../src/server/demo/random.js';
import { seedDemo } from '../../src/server/demo/seed.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

describe('demo decision chains', () => {
  let d: TestDatabase;
  const now = new Date('2026-11-23T04:00:00Z');
  beforeAll(async () => {
    d = await createTestDatabase();
    await seedDemo(d.db, { scale: 'S', accounts: 120, password: 'demo-password-123', now, append: true });
  }, 120_000);
  afterAll(async () => d?.destroy());

  it('is the same for the same account and date', () => {
    const a = generateMap(createRandom(7), 42, [], '2026-11-23');
    const b = generateMap(createRandom(7), 42, [], '2026-11-23');
    expect(a).toEqual(b);
    expect(a.people[0]!.buying_role).toBe('decision_maker');
    expect(generateOpportunities(createRandom(9), 42, 3, '2026-11-23')).toEqual(generateOpportunities(createRandom(9), 42, 3, '2026-11-23'));
  });

  it('writes maps and opportunities that keep the rules, once', async () => {
    const r = await seedDecisionChains(d.db, { now });
    expect(r.maps).toBeGreaterThan(0);
    expect(r.maps).toBeLessThanOrEqual(MAP_ACCOUNTS);
    expect(r.opportunities).toBeGreaterThan(r.maps);
    // No reports-to cycle anywhere.
    const cycles = await sql<{ n: number }>`
      with recursive up(start, id, depth) as (
        select from_id, to_id, 1 from stakeholder_links where kind = 'reports_to'
        union all
        select up.start, l.to_id, up.depth + 1 from stakeholder_links l join up on l.from_id = up.id where l.kind = 'reports_to' and up.depth < 50
      ) select count(*)::int as n from up where start = id`.execute(d.db);
    expect(cycles.rows[0]!.n).toBe(0);
    // Status agrees with the stage; lost deals carry reason and competitor; every opportunity has history.
    const bad = await sql<{ n: number }>`
      select count(*)::int as n from opportunities o
      where (o.status = 'won') <> (o.stage >= 7 and o.status <> 'lost')
         or (o.status = 'lost' and (o.lost_reason is null or o.winning_competitor is null))
         or not exists (select 1 from opportunity_stage_history h where h.opportunity_id = o.id)`.execute(d.db);
    expect(bad.rows[0]!.n).toBe(0);
    // Competitors agree with the deal: a lost deal's winner is one of the rivals it faced (the
    // biggest threat), and our outcome against each rival is the deal's.
    const rivals = await sql<{ lost: number; winner_not_faced: number; outcome_off: number; winner_not_top: number }>`
      select count(*) filter (where o.status = 'lost')::int as lost,
             count(*) filter (where o.status = 'lost' and not exists (select 1 from opportunity_competitors c where c.opportunity_id = o.id and c.name = o.winning_competitor))::int as winner_not_faced,
             count(*) filter (where exists (select 1 from opportunity_competitors c where c.opportunity_id = o.id
               and c.outcome <> case o.status when 'won' then 'won' when 'lost' then 'lost' else 'pending' end))::int as outcome_off,
             count(*) filter (where exists (select 1 from opportunity_competitors c where c.opportunity_id = o.id and c.name = o.winning_competitor and c.threat <> 5))::int as winner_not_top
      from opportunities o`.execute(d.db);
    expect(rivals.rows[0]!.lost).toBeGreaterThan(0);
    expect(rivals.rows[0]).toMatchObject({ winner_not_faced: 0, outcome_off: 0, winner_not_top: 0 });
    const again = await seedDecisionChains(d.db, { now });
    expect(again).toEqual({ maps: 0, stakeholders: 0, opportunities: 0 });
  }, 120_000);
});

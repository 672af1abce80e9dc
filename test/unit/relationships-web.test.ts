// Pure helpers of the decision-chain map in the web app: node sizes and colours, search, the
// org-chart layout, and the measures panel's values and alerts.
import { describe, expect, it } from 'vitest';
import { gridColumns, influenceHandles, layoutKey, layoutMap, GRID_TOP_GAP, RANK_SEP, SPINE, STACK_ROW_GAP } from '../../src/web/relationships/layout.js';
import { coverageDrop, formatPercent, measureItems } from '../../src/web/relationships/measures-view.js';
import { ATTITUDE_COLORS, HIDDEN_COLORS, NON_SUPPORTER_BORDER, linkTextKey, nodeColors, nodeSize, searchPeople, type MeasureRecord, type Measures } from '../../src/web/relationships/model.js';

const record = (id: number, support: number, total: number): MeasureRecord => ({
  id,
  measuredAt: '2026-01-01T00:00:00.000Z',
  stakeholders: 6,
  totalInfluence: total,
  supportInfluence: support,
  oppositionInfluence: 0,
  coachPresent: true,
  decisionMakerContacted: true,
  trigger: 'change',
});

describe('node look', () => {
  it('sizes nodes by influence: 1 → 168×92, 10 → 258×119, hidden → the influence-5 size', () => {
    expect(nodeSize(1)).toEqual({ width: 168, height: 92 });
    expect(nodeSize(10)).toEqual({ width: 258, height: 119 });
    expect(nodeSize(null)).toEqual({ width: 208, height: 104 });
    expect(nodeSize(99)).toEqual({ width: 258, height: 119 });
  });

  it('colours by attitude; a neutral non-supporter gets the amber border; hidden is plain', () => {
    expect(nodeColors({ attitude: 'coach', attitudeKind: null })).toEqual(ATTITUDE_COLORS.coach);
    expect(nodeColors({ attitude: 'neutral', attitudeKind: 'skeptic' }).border).toBe(NON_SUPPORTER_BORDER);
    expect(nodeColors({ attitude: 'opponent', attitudeKind: 'regressor' })).toEqual(ATTITUDE_COLORS.opponent);
    expect(nodeColors({ attitude: null, attitudeKind: null })).toEqual(HIDDEN_COLORS);
  });

  it('finds people by name or title, case-insensitively, up to the limit', () => {
    const people = [
      { id: 1, name: '张伟', title: '总经理' },
      { id: 2, name: 'Li Na', title: 'CIO' },
      { id: 3, name: '王芳', title: '副总经理' },
    ];
    expect(searchPeople(people, '总经理').map((p) => p.id)).toEqual([1, 3]);
    expect(searchPeople(people, 'cio').map((p) => p.id)).toEqual([2]);
    expect(searchPeople(people, '总经理', 1).map((p) => p.id)).toEqual([1]);
    expect(searchPeople(people, '  ')).toEqual([]);
  });

  it('describes links', () => {
    expect(linkTextKey({ kind: 'reports_to', hidden: false })).toBe('reports_to');
    expect(linkTextKey({ kind: 'reports_to', hidden: true })).toBe('reports_to_hidden');
    expect(linkTextKey({ kind: 'influences', hidden: false })).toBe('influences');
  });
});

describe('org-chart layout', () => {
  const people = [
    { id: 1, influence: 10 },
    { id: 2, influence: 6 },
    { id: 3, influence: 4 },
    { id: 4, influence: 3 },
    { id: 5, influence: 8 },
  ];
  // 2 and 3 report to 1; 4 reports to 2; 5 is on no reporting line (only an influence arrow).
  const links = [
    { fromId: 2, toId: 1, kind: 'reports_to' as const },
    { fromId: 3, toId: 1, kind: 'reports_to' as const },
    { fromId: 4, toId: 2, kind: 'reports_to' as const },
    { fromId: 5, toId: 4, kind: 'influences' as const },
  ];

  it('puts the boss above those who report to him, one rank apart', () => {
    const { positions } = layoutMap(people, links);
    const p = (id: number) => positions.get(id)!;
    expect(p(1).width).toBe(258);
    // Rank bottoms and tops: a subordinate's top is at least RANK_SEP below the boss's bottom.
    expect(p(2).y).toBeGreaterThanOrEqual(p(1).y + p(1).height + RANK_SEP - 1);
    expect(p(3).y).toBeGreaterThanOrEqual(p(1).y + p(1).height + RANK_SEP - 1);
    expect(p(4).y).toBeGreaterThan(p(2).y + p(2).height);
    // Siblings do not overlap.
    const [left, right] = p(2).x < p(3).x ? [p(2), p(3)] : [p(3), p(2)];
    expect(left.x + left.width).toBeLessThanOrEqual(right.x);
  });

  it('puts people on no reporting line in a grid below the chart, most influential first', () => {
    const { positions, height } = layoutMap(people, links);
    const chartBottom = Math.max(...[1, 2, 3, 4].map((id) => positions.get(id)!.y + positions.get(id)!.height));
    const five = positions.get(5)!;
    expect(five.y).toBeGreaterThanOrEqual(chartBottom + GRID_TOP_GAP);
    expect(height).toBe(five.y + five.height);

    const loose = layoutMap(
      [
        { id: 7, influence: 2 },
        { id: 8, influence: 9 },
        { id: 9, influence: 9 },
      ],
      [],
    );
    const xs = [8, 9, 7].map((id) => loose.positions.get(id)!);
    // One row of three (⌈√9⌉ = 3 columns), ordered by influence then id, each centred in a
    // 258-wide cell 32 apart: influence 9 is 248 wide (5 in), influence 2 is 178 (40 in).
    expect(xs.map((p) => p.x)).toEqual([5, 290 + 5, 580 + 40]);
    expect(xs.map((p) => p.y)).toEqual([2, 2, 12]); // centred in 119-high rows
  });

  it('stacks three or more leaves of one manager in two columns either side of a spine', () => {
    const team = [{ id: 1, influence: 9 }, ...[2, 3, 4, 5].map((id) => ({ id, influence: 4 })), { id: 6, influence: 5 }, { id: 7, influence: 5 }];
    // 2–5 report to 1 and have nobody under them; 6 reports to 1 and has 7 under him.
    const lines = [2, 3, 4, 5, 6].map((id) => ({ fromId: id, toId: 1, kind: 'reports_to' as const })).concat([{ fromId: 7, toId: 6, kind: 'reports_to' as const }]);
    const { positions } = layoutMap(team, lines);
    const p = (id: number) => positions.get(id)!;
    expect([2, 3, 4, 5, 6, 7, 1].map((id) => p(id).side)).toEqual(['right', 'left', 'right', 'left', 'top', 'top', 'top']);
    // Two rows of two, 198 wide (influence 4), the spine between them.
    expect(p(3).x - (p(2).x + p(2).width)).toBe(SPINE);
    expect([p(4).x, p(5).x]).toEqual([p(2).x, p(3).x]);
    expect(p(4).y - (p(2).y + p(2).height)).toBe(STACK_ROW_GAP);
    expect(p(2).y).toBeGreaterThanOrEqual(p(1).y + p(1).height + RANK_SEP - 1);
    // A two-person team is not stacked (7 is a leaf of 6, alone).
    expect(layoutMap(team, lines.slice(3)).positions.get(4)!.side).toBe('top');
  });

  it('lays out 200 people', () => {
    const many = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, influence: (i % 10) + 1 }));
    const tree = many.slice(1).map((p) => ({ fromId: p.id, toId: Math.ceil(p.id / 5), kind: 'reports_to' as const }));
    const { positions, width } = layoutMap(many, tree.slice(0, 150));
    expect(positions.size).toBe(200);
    // Stacking keeps the chart far narrower than 121 leaves side by side (121 × 290 px).
    expect(width).toBeLessThan(16000);
    for (const p of positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('sends influence arrows out by the facing sides, or around the right when one is above the other', () => {
    const box = (x: number, y: number) => ({ x, y, width: 200, height: 100 });
    expect(influenceHandles(box(0, 0), box(400, 50))).toEqual({ source: 'sr', target: 'l' });
    expect(influenceHandles(box(400, 0), box(0, 50))).toEqual({ source: 'sl', target: 'r' });
    expect(influenceHandles(box(0, 400), box(20, 0))).toEqual({ source: 'sr', target: 'r' });
  });

  it('grid columns: a 3:1 block on its own, as wide as the chart above it', () => {
    expect(gridColumns(3, 0, 258)).toBe(3);
    expect(gridColumns(200, 0, 258)).toBe(25);
    expect(gridColumns(10, 5000, 258)).toBe(10);
    expect(gridColumns(100, 2870, 258)).toBe(18);
  });

  it('changes its key only with people, influence and reporting lines', () => {
    const a = layoutKey(people, links);
    expect(layoutKey(people, [...links, { fromId: 1, toId: 5, kind: 'influences' }])).toBe(a);
    expect(layoutKey(people, [...links].reverse())).toBe(a);
    expect(layoutKey(people.map((p) => (p.id === 5 ? { ...p, influence: 9 } : p)), links)).not.toBe(a);
    expect(layoutKey(people, links.slice(1))).not.toBe(a);
  });
});

describe('measures panel', () => {
  // The worked example of docs/RELATIONSHIPS.md.
  const measures: Measures = {
    stakeholders: 6,
    supportCoverage: { numerator: 18, denominator: 35, value: 0.5143 },
    opposition: { numerator: 12, denominator: 35, value: 0.3429 },
    coachPresent: true,
    decisionMaker: { id: 6, name: '赵总', lastContactDate: '2026-01-01', daysSinceContact: 91 },
    decisionMakerContacted: false,
    staleAfterDays: 31,
    staleIds: [4, 6],
  };
  const people = [
    { id: 4, name: '钱工' },
    { id: 6, name: '赵总' },
  ];

  it('formats shares with one decimal, half-up on the exact 4-place value', () => {
    expect([formatPercent(0.5143), formatPercent(0.3429), formatPercent(0.1235), formatPercent(1), formatPercent(0), formatPercent(null)]).toEqual([
      '51.4%',
      '34.3%',
      '12.4%',
      '100.0%',
      '0.0%',
      '—',
    ]);
  });

  it('reads the worked example as text with its alerts', () => {
    const items = measureItems(measures, [], people);
    expect(items.map((i) => [i.key, i.value, i.detail.key, i.alert])).toEqual([
      ['coverage', '51.4%', 'coverageDetail', false],
      ['opposition', '34.3%', 'oppositionDetail', false],
      ['coach', null, 'coachYes', false],
      ['decisionMaker', null, 'dmNotContacted', true],
      ['stale', '2 / 6', 'staleSome', true],
    ]);
    expect(items[3]!.detail.params).toEqual({ name: '赵总', days: 91 });
    expect(items[4]!.people).toEqual(people);
    expect(items[4]!.detail.params).toEqual({ count: 2, days: 31 });
  });

  it('alerts: no coach, no decision maker, opposition above support, never contacted', () => {
    const m: Measures = { ...measures, coachPresent: false, decisionMaker: null, opposition: { numerator: 20, denominator: 35, value: 0.5714 }, staleIds: [] };
    const items = measureItems(m, [], people);
    expect(items.map((i) => i.alert)).toEqual([false, true, true, true, false]);
    expect(items[1]!.warning).toEqual({ key: 'oppositionHigh' });
    expect(items[3]!.detail).toEqual({ key: 'dmNone' });
    expect(items[4]!.detail).toEqual({ key: 'staleNone', params: { days: 31 } });
    const never = measureItems({ ...measures, decisionMaker: { id: 6, name: '赵总', lastContactDate: null, daysSinceContact: null } }, [], people);
    expect(never[3]!.detail).toEqual({ key: 'dmNever', params: { name: '赵总' } });
    const ok = measureItems({ ...measures, decisionMakerContacted: true, decisionMaker: { ...measures.decisionMaker!, daysSinceContact: 12 } }, [], people);
    expect([ok[3]!.detail, ok[3]!.alert]).toEqual([{ key: 'dmContacted', params: { name: '赵总', days: 12 } }, false]);
  });

  it('flags a coverage drop against the last different record, exactly', () => {
    // Newest first: the current 18/35, then 24/41 (58.5%): a drop.
    expect(coverageDrop(measures.supportCoverage, [record(3, 18, 35), record(2, 24, 41), record(1, 10, 40)])).toEqual({ numerator: 24, denominator: 41, value: 0.5854 });
    // 36/70 is the same share as 18/35: skipped; then 10/40 was lower: a rise, no alert.
    expect(coverageDrop(measures.supportCoverage, [record(3, 36, 70), record(2, 10, 40)])).toBeNull();
    expect(coverageDrop(measures.supportCoverage, [])).toBeNull();
    const items = measureItems(measures, [record(3, 18, 35), record(2, 24, 41)], people);
    expect([items[0]!.alert, items[0]!.warning]).toEqual([true, { key: 'coverageDropped', params: { previous: '58.5%' } }]);
  });
});

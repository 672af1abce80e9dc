// The forecast page's pure shaping: the chart's stacks, the tables behind the charts, period
// labels, rates, the folding of many owners into 其他, and the weighted sum of a list.
import { describe, expect, it } from 'vitest';
import { foldCells, forecastStacks, forecastTable, formatRate, funnelRows, periodLabel, sumDecimals, weightedSum } from '../../src/web/pipeline/forecast-model.js';

const months = [
  { key: '2026-12', count: 3, amount: '155555.60', weighted: '71666.67' },
  { key: '2027-01', count: 1, amount: '1000.01', weighted: '50.00' },
  { key: 'none', count: 1, amount: '20000.00', weighted: '22000.00' },
];
const cells = [
  { period: '2026-12', key: '3', count: 2, amount: '100000.05', weighted: '30000.01' },
  { period: '2026-12', key: '4', count: 1, amount: '55555.55', weighted: '41666.66' },
  { period: '2027-01', key: '3', count: 1, amount: '1000.01', weighted: '50.00' },
  { period: 'none', key: 'none', count: 1, amount: '20000.00', weighted: '22000.00' },
];
const owners = [
  { key: '3', count: 3, amount: '101000.06', weighted: '30050.01' },
  { key: '4', count: 1, amount: '55555.55', weighted: '41666.66' },
  { key: 'none', count: 1, amount: '20000.00', weighted: '22000.00' },
];

describe('forecast chart and table', () => {
  it('stacks each owner over the periods, 0 where an owner has nothing', () => {
    const names: Record<string, string> = { '3': '李明', '4': '陈静', none: '未分配' };
    const { keys, cells: c } = foldCells(owners, cells);
    expect(keys).toEqual(['4', '3', 'none']); // largest weighted first, none last
    expect(forecastStacks(months, c, (k) => names[k]!, keys)).toEqual({
      periods: ['2026-12', '2027-01', 'none'],
      series: [
        { key: '4', name: '陈静', values: [41666.66, 0, 0] },
        { key: '3', name: '李明', values: [30000.01, 50, 0] },
        { key: 'none', name: '未分配', values: [0, 0, 22000] },
      ],
    });
  });

  it('tables each period with its exact totals and each owner share', () => {
    expect(forecastTable(months, cells)).toEqual([
      { period: '2026-12', count: 3, amount: '155555.60', weighted: '71666.67', cells: { '3': '30000.01', '4': '41666.66' } },
      { period: '2027-01', count: 1, amount: '1000.01', weighted: '50.00', cells: { '3': '50.00' } },
      { period: 'none', count: 1, amount: '20000.00', weighted: '22000.00', cells: { none: '22000.00' } },
    ]);
  });

  it('folds owners beyond the top ones into "other" with exact sums', () => {
    const folded = foldCells(owners, cells, 1);
    expect(folded.keys).toEqual(['4', 'other']);
    expect(folded.cells).toEqual([
      { period: '2026-12', key: '4', count: 1, amount: '55555.55', weighted: '41666.66' },
      { period: '2026-12', key: 'other', count: 2, amount: '100000.05', weighted: '30000.01' },
      { period: '2027-01', key: 'other', count: 1, amount: '1000.01', weighted: '50.00' },
      { period: 'none', key: 'other', count: 1, amount: '20000.00', weighted: '22000.00' },
    ]);
  });

  it('names months and quarters in both languages', () => {
    expect(periodLabel('2026-12', 'zh-CN', '未定')).toBe('2026年12月');
    expect(periodLabel('2027-01', 'en', 'No date')).toBe('Jan 2027');
    expect(periodLabel('2026-Q4', 'zh-CN', '未定')).toBe('2026年第4季度');
    expect(periodLabel('2026-Q4', 'en', 'No date')).toBe('Q4 2026');
    expect(periodLabel('none', 'en', 'No date')).toBe('No date');
  });

  it('formats rates to one decimal and sums decimals exactly', () => {
    expect([formatRate(0.6315), formatRate(0.5), formatRate(1), formatRate(0), formatRate(null), formatRate(0.85714)]).toEqual(['63.2%', '50.0%', '100.0%', '0.0%', '—', '85.7%']);
    expect(sumDecimals(['0.10', '0.20', '71666.66', '50'])).toBe('71716.96');
    expect(sumDecimals([])).toBe('0.00');
  });
});

describe('funnel rows and the weighted sum of a list', () => {
  it('adds each stage share of those initiated', () => {
    const steps = [
      { stage: 1, reached: 7, conversion: 0.8571 },
      { stage: 2, reached: 6, conversion: 0.8333 },
      { stage: 3, reached: 5, conversion: null },
    ];
    expect(funnelRows(steps).map((r) => r.ofFirst)).toEqual([1, 0.8571, 0.7143]);
    expect(funnelRows([{ stage: 1, reached: 0, conversion: null }])[0]!.ofFirst).toBeNull();
  });

  it('weights open opportunities like the server: 100,000 × 30 % + 55,555.55 × 75 % + 1,000.01 × 5 % = 71,716.66', () => {
    const opps = [
      { amount: '100000.00', probability: 30, status: 'open' },
      { amount: '55555.55', probability: 75, status: 'open' },
      { amount: '1000.01', probability: 5, status: 'open' },
      { amount: '9999.00', probability: 100, status: 'won' },
    ];
    expect(weightedSum(opps)).toBe('71716.66');
    expect(weightedSum([{ amount: '0.05', probability: 10, status: 'open' }])).toBe('0.01');
    expect(weightedSum([])).toBe('0.00');
  });
});

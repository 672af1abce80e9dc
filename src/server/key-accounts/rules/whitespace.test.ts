import { describe, expect, it } from 'vitest';
import { whitespaceIssues, whitespaceSummary } from './whitespace.js';

const LINES = ['专线与组网', '云与数据中心', '安全服务'];

describe('whitespace matrix', () => {
  it('3 product lines × 2 business units: 2 in use, 1 opportunity, 1 competitor, 2 blank; 1/3 in use', () => {
    const m = {
      businessUnits: ['华东分公司', '研发中心'],
      cells: [
        { businessUnit: '华东分公司', productLine: '专线与组网', status: 'in_use' as const },
        { businessUnit: '华东分公司', productLine: '云与数据中心', status: 'competitor' as const },
        { businessUnit: '研发中心', productLine: '专线与组网', status: 'in_use' as const },
        { businessUnit: '研发中心', productLine: '安全服务', status: 'opportunity' as const },
      ],
    };
    expect(whitespaceIssues(m, LINES)).toEqual([]);
    expect(whitespaceSummary(m, LINES)).toEqual({ total: 6, counts: { in_use: 2, opportunity: 1, competitor: 1, none: 2 }, inUseShare: 0.3333 });
  });

  it('names repeated units, cells outside the matrix and cells given twice by their path', () => {
    const m = {
      businessUnits: ['总部', '总部'],
      cells: [
        { businessUnit: '总部', productLine: '专线与组网', status: 'in_use' as const },
        { businessUnit: '分部', productLine: '卫星', status: 'none' as const },
        { businessUnit: '总部', productLine: '专线与组网', status: 'opportunity' as const },
      ],
    };
    expect(whitespaceIssues(m, LINES).map((i) => [i.field, i.code])).toEqual([
      ['businessUnits.1', 'duplicate'],
      ['cells.1.businessUnit', 'unknown'],
      ['cells.1.productLine', 'unknown'],
      ['cells.2', 'duplicate'],
    ]);
  });

  it('an empty matrix is 0 cells, 0 % in use', () => {
    expect(whitespaceSummary({ businessUnits: [], cells: [] }, LINES)).toEqual({ total: 0, counts: { in_use: 0, opportunity: 0, competitor: 0, none: 0 }, inUseShare: 0 });
  });
});

// Receivables worked by hand for aging as of 2026-03-31: the pure rule's unit test
// (src/server/orders/rules/aging.test.ts) and the SQL behind the receivables API
// (test/api/payments.test.ts) must both give the figures written there.
import type { Receivable } from '../../src/server/orders/rules/aging.js';

// One receivable per case; days overdue on 2026-03-31 in the comments.
export const AGING_CASES: (Receivable & { name: string })[] = [
  { name: 'A not due yet (−10)', dueDate: '2026-04-10', paidDate: null, amount: '1000.00' },
  { name: 'B due today (0)', dueDate: '2026-03-31', paidDate: null, amount: '200.00' },
  { name: 'C one day (1)', dueDate: '2026-03-30', paidDate: null, amount: '300.00' },
  { name: 'D thirty days (30)', dueDate: '2026-03-01', paidDate: null, amount: '400.00' },
  { name: 'E thirty-one days (31)', dueDate: '2026-02-28', paidDate: null, amount: '500.00' },
  { name: 'F sixty days (60)', dueDate: '2026-01-30', paidDate: null, amount: '600.00' },
  { name: 'G sixty-one days (61)', dueDate: '2026-01-29', paidDate: null, amount: '700.00' },
  { name: 'H ninety days (90)', dueDate: '2025-12-31', paidDate: null, amount: '800.00' },
  { name: 'I ninety-one days (91)', dueDate: '2025-12-30', paidDate: null, amount: '900.00' },
  { name: 'J paid after asOf, open on it (44)', dueDate: '2026-02-15', paidDate: '2026-04-05', amount: '50.00' },
  { name: 'K paid late on asOf: settled (44 late)', dueDate: '2026-02-15', paidDate: '2026-03-31', amount: '60.00' },
  { name: 'L credit note (16)', dueDate: '2026-03-15', paidDate: null, amount: '-120.50' },
  { name: 'M paid early', dueDate: '2026-03-10', paidDate: '2026-03-09', amount: '70.00' },
  { name: 'N paid late two years ago', dueDate: '2024-01-01', paidDate: '2024-03-01', amount: '80.00' },
  { name: 'O order dated after asOf: not raised yet', dueDate: '2026-03-01', paidDate: null, amount: '90.00', raisedOn: '2026-04-01' },
  { name: 'P order dated on asOf, due before (odd but counted, 1)', dueDate: '2026-03-30', paidDate: null, amount: '10.00', raisedOn: '2026-03-31' },
];

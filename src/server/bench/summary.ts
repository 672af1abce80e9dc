// The table `kam bench` prints at the end: one line per scenario, its figure, its baseline's,
// the ratio and whether the target is met (— where the scenario has no ratio target).
export interface SummaryRow {
  scenario: string;
  subject: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export function printSummary(rows: readonly SummaryRow[], log: (line: string) => void): void {
  if (rows.length === 0) return;
  const head = ['scenario', 'KAM', 'baseline', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.scenario, r.subject, r.baseline, r.ratio, r.target, r.met === null ? '—' : r.met ? 'yes' : 'no']);
  // Chinese characters take two columns in a terminal.
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...cells.map((c) => width(c[i]!))));
  const fmt = (c: readonly string[]) => c.map((s, i) => s + ' '.repeat(widths[i]! - width(s))).join(' | ');
  log('\nsummary (latency: p50 / p99, ratio = KAM ÷ baseline; throughput: ratio = KAM rows/s ÷ baseline rows/s)');
  log(fmt(head));
  log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const c of cells) log(fmt(c));
}

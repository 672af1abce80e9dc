// Pure figures of the pipeline pages: exact money sums (cents as bigint, never floats), the
// exit criteria a move would leave unmet (the server's rule, rules/stages.ts, mirrored so the UI
// can say which before asking), days in stage and the stalled marker.

const MONEY_RE = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450n cents; anything else counts 0. */
export function toCents(amount: string): bigint {
  const m = MONEY_RE.exec(amount.trim());
  if (!m) return 0n;
  const cents = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const neg = cents < 0n;
  const abs = neg ? -cents : cents;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * Σ amount and Σ amount × probability ÷ 100 of a column, like the server's forecast: cents ×
 * percent summed exactly, rounded half-up to the cent once for the total.
 */
export function columnTotals(items: readonly { amount: string; probability: number }[]): { count: number; amount: string; weighted: string } {
  let sum = 0n;
  let weighted = 0n; // cents × percent
  for (const o of items) {
    const c = toCents(o.amount);
    sum += c;
    weighted += c * BigInt(o.probability);
  }
  const neg = weighted < 0n;
  const abs = neg ? -weighted : weighted;
  const rounded = (abs + 50n) / 100n;
  return { count: items.length, amount: fromCents(sum), weighted: fromCents(neg ? -rounded : rounded) };
}

export interface StageCriteria {
  stage: number;
  exitCriteria: readonly { key: string; label: string }[];
}

/** Criteria of the stages from..to−1 not yet met (forward moves of open deals only). */
export function unmetForMove(
  stages: readonly StageCriteria[],
  opp: { stage: number; status: string; milestones: Readonly<Record<string, readonly string[]>> },
  to: number | 'lost',
): { stage: number; key: string; label: string }[] {
  if (to === 'lost' || opp.status === 'lost' || to <= opp.stage) return [];
  const out: { stage: number; key: string; label: string }[] = [];
  for (const def of [...stages].sort((a, b) => a.stage - b.stage)) {
    if (def.stage < opp.stage || def.stage >= to) continue;
    const met = new Set(opp.milestones[String(def.stage)] ?? []);
    for (const c of def.exitCriteria) if (!met.has(c.key)) out.push({ stage: def.stage, key: c.key, label: c.label });
  }
  return out;
}

/** "3:coach_developed" → its label, from the stage definitions (the reference itself when unknown); `label` words a found criterion (e.g. in the UI language). */
export function criterionLabel(stages: readonly StageCriteria[], ref: string, label: (c: { key: string; label: string }) => string = (c) => c.label): string {
  const [stage, key] = ref.split(':');
  const found = stages.find((s) => String(s.stage) === stage)?.exitCriteria.find((c) => c.key === key);
  return found ? label(found) : ref;
}

/** Whole days since the last stage change. */
export function daysInStage(stageEnteredAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - new Date(stageEnteredAt).getTime()) / 86_400_000));
}

/** The server's /pipeline/stalled default: an open deal without a stage change for 30 days. */
export const STALLED_DAYS = 30;
export const isStalled = (o: { status: string; stageEnteredAt: string }, now: Date) => o.status === 'open' && daysInStage(o.stageEnteredAt, now) >= STALLED_DAYS;

/** Which board column a card sits in: its stage, or the lost column. */
export const columnOf = (o: { stage: number; status: string }): number | 'lost' => (o.status === 'lost' ? 'lost' : o.stage);

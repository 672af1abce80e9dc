// Stage moves of an opportunity (SPEC C5). Moving forward needs the exit criteria (里程碑与标准)
// of the stage being left — and of any stage skipped — met, or an override with a reason.
// Closing lost needs the reason and the competitor who won. Pure: the service supplies the
// opportunity, the stage definitions and the request.
import type { ExitCriterion, OpportunityStatus } from '../../db/schema.js';

export interface StageDef {
  stage: number;
  key: string;
  probability: number;
  won: boolean;
  exitCriteria: readonly ExitCriterion[];
}

export interface MoveRequest {
  to: number | 'lost';
  /** An override of unmet criteria (or a reopening / un-winning) needs it. */
  reason?: string | null | undefined;
  lostReason?: string | null | undefined;
  winningCompetitor?: string | null | undefined;
}

export interface MoveIssue {
  field: string;
  code: string;
  reason: string;
}

export type MovePlan =
  | { ok: true; toStage: number; status: OpportunityStatus; overridden: boolean; unmet: string[]; maxStage: number }
  | { ok: false; issues: MoveIssue[] };

export const STAGE_COUNT = 8;

const filled = (s: string | null | undefined) => typeof s === 'string' && s.trim() !== '';

/** Criteria keys of stages from..to−1 not met, as "stage:key". */
export function unmetCriteria(stages: readonly StageDef[], milestones: Readonly<Record<string, readonly string[]>>, from: number, to: number): string[] {
  const out: string[] = [];
  for (const def of [...stages].sort((a, b) => a.stage - b.stage)) {
    if (def.stage < from || def.stage >= to) continue;
    const met = new Set(milestones[String(def.stage)] ?? []);
    for (const c of def.exitCriteria) if (!met.has(c.key)) out.push(`${def.stage}:${c.key}`);
  }
  return out;
}

export function statusOfStage(stages: readonly StageDef[], stage: number): OpportunityStatus {
  return stages.find((s) => s.stage === stage)?.won ? 'won' : 'open';
}

export function planStageMove(
  current: { stage: number; maxStage: number; status: OpportunityStatus; milestones: Readonly<Record<string, readonly string[]>> },
  req: MoveRequest,
  stages: readonly StageDef[],
): MovePlan {
  const issues: MoveIssue[] = [];
  if (req.to === 'lost') {
    if (current.status === 'lost') return { ok: false, issues: [{ field: 'to', code: 'already_lost', reason: 'the opportunity is already closed lost' }] };
    if (!filled(req.lostReason)) issues.push({ field: 'lostReason', code: 'required', reason: 'closing lost needs the reason' });
    if (!filled(req.winningCompetitor)) issues.push({ field: 'winningCompetitor', code: 'required', reason: 'closing lost needs the competitor who won' });
    if (issues.length) return { ok: false, issues };
    return { ok: true, toStage: current.stage, status: 'lost', overridden: false, unmet: [], maxStage: current.maxStage };
  }
  const to = req.to;
  if (!stages.some((s) => s.stage === to)) return { ok: false, issues: [{ field: 'to', code: 'unknown_stage', reason: `stage ${to} does not exist` }] };
  const reopening = current.status === 'lost';
  if (!reopening && to === current.stage) return { ok: false, issues: [{ field: 'to', code: 'same_stage', reason: `the opportunity is already at stage ${to}` }] };
  const unwinning = current.status === 'won' && statusOfStage(stages, to) !== 'won';
  if ((reopening || unwinning) && !filled(req.reason)) {
    return { ok: false, issues: [{ field: 'reason', code: 'required', reason: reopening ? 'reopening a lost opportunity needs a reason' : 'moving a won opportunity back needs a reason' }] };
  }
  const unmet = to > current.stage && !reopening ? unmetCriteria(stages, current.milestones, current.stage, to) : [];
  if (unmet.length && !filled(req.reason)) {
    return { ok: false, issues: [{ field: 'to', code: 'criteria_unmet', reason: `exit criteria not met: ${unmet.join(', ')} (give a reason to override)` }] };
  }
  return { ok: true, toStage: to, status: statusOfStage(stages, to), overridden: unmet.length > 0, unmet, maxStage: Math.max(current.maxStage, to) };
}

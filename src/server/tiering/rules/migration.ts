// Migration between two snapshots (SPEC C2): the 4×4 matrix of tier from → tier to, accounts new
// in the later snapshot and gone from it (per tier), and who moved up or down. Tiers are 1 (top)
// … 4; "up" means a smaller number.
import type { TierNo } from './model.js';

export interface MigrationMatrix {
  /** matrix[from − 1][to − 1]: accounts in tier `from` then and `to` now. */
  matrix: number[][];
  /** newIn[to − 1]: accounts only in the later snapshot, by their tier there. */
  newIn: number[];
  /** goneFrom[from − 1]: accounts only in the earlier snapshot, by their tier there. */
  goneFrom: number[];
  up: { accountId: number; from: TierNo; to: TierNo }[];
  down: { accountId: number; from: TierNo; to: TierNo }[];
  stayed: number;
}

export function migrationMatrix(from: Map<number, TierNo>, to: Map<number, TierNo>): MigrationMatrix {
  const matrix = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
  const newIn = [0, 0, 0, 0];
  const goneFrom = [0, 0, 0, 0];
  const up: MigrationMatrix['up'] = [];
  const down: MigrationMatrix['down'] = [];
  let stayed = 0;
  for (const [id, a] of from) {
    const b = to.get(id);
    if (b === undefined) {
      goneFrom[a - 1]!++;
      continue;
    }
    matrix[a - 1]![b - 1]!++;
    if (b < a) up.push({ accountId: id, from: a, to: b });
    else if (b > a) down.push({ accountId: id, from: a, to: b });
    else stayed++;
  }
  for (const [id, b] of to) if (!from.has(id)) newIn[b - 1]!++;
  const byId = (x: { accountId: number }, y: { accountId: number }) => x.accountId - y.accountId;
  return { matrix, newIn, goneFrom, up: up.sort(byId), down: down.sort(byId), stayed };
}

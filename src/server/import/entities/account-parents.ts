// Parent links of imported accounts (上级集团客户), made after the last batch because a
// subsidiary may come before its parent. The parent is found by external code first, then by
// normalised name, in the database or anywhere in the file. A link that cannot be made rejects
// its row; with --skip-invalid the account stays imported without that parent.
import { strictNameKey } from '../../accounts/rules/names.js';
import type { BatchOutcome, ImportContext } from '../registry.js';
import { accountsImportRepository as repo } from './accounts-repository.js';

export interface PendingLink {
  row: number;
  childId: number;
  parent: string;
  /** The row was already counted as created or updated. */
  counted: boolean;
  cells: readonly unknown[];
}

export const linkParents = {
  async add(ctx: ImportContext, links: readonly PendingLink[]): Promise<void> {
    if (!ctx.memo.has('links')) {
      await repo.createLinks(ctx.trx);
      ctx.memo.set('links', true);
    }
    await repo.addLinks(
      ctx.trx,
      links.map((l) => ({ row: l.row, child_id: l.childId, ref: l.parent, ref_key: strictNameKey(l.parent), counted: l.counted, cells: JSON.stringify(l.cells) })),
    );
  },

  async finish(ctx: ImportContext): Promise<BatchOutcome> {
    const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
    if (!ctx.memo.has('links')) return out;
    const links = await repo.resolveLinks(ctx.trx);
    const cycles = new Set(await repo.breakCycles(ctx.trx));
    for (const l of links) {
      const cells = JSON.parse(l.cells) as string[];
      if (l.parent_id === null) {
        out.rejected.push({ row: l.row, cells, field: 'parent', code: 'unknown_parent', reason: `parent "${l.ref}" is neither an account nor a row of this file` });
      } else if (l.parent_id === l.child_id) {
        out.rejected.push({ row: l.row, cells, field: 'parent', code: 'cycle', reason: 'an account cannot be its own parent' });
      } else if (cycles.has(l.child_id)) {
        out.rejected.push({ row: l.row, cells, field: 'parent', code: 'cycle', reason: `parent "${l.ref}" would make a cycle: it is this account or one of its subsidiaries` });
      } else if (l.changed) {
        ctx.touch(l.child_id, 'updated', l.counted ? 0 : 1);
        if (!l.counted) {
          out.updated++;
          out.unchanged--;
        }
      }
    }
    return out;
  },
};

// What an exportable list provides: its columns, its file name and its rows page by page.
// A capability adds an entity by writing one of these and listing it in entities/index.ts.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../auth/rules/permissions.js';
import type { ExportColumn, RawValue } from '../rules/cells.js';

export interface ExportEntity<F> {
  /** The entity name in URLs, the CLI and the audit row (plural, as the list's path). */
  name: string;
  /** The entity as the audit log names it (singular, as the entity's other audit rows). */
  auditEntity: string;
  /** File name stem per language: 客户档案 / accounts. */
  fileStem: { zh: string; en: string };
  columns: readonly ExportColumn[];
  /**
   * The rows the actor's list shows with these filters, in the list's order, as pages of cell
   * values (one per column). Paged by keyset through the list's own repository query: PGlite's
   * driver cannot stream a cursor, and a keyset page costs the same at row 1 and row 1,000,000.
   */
  pages(db: Kysely<DB>, actor: Actor, filters: F, pageSize: number, env: ExportEnv): AsyncGenerator<RawValue[][]>;
}

/** What some lists need to know of the moment: "today" where overdue is judged. */
export interface ExportEnv {
  now: Date;
  timeZone: string;
}

export const col = (key: string, kind: ExportColumn['kind'], zh: string, en: string): ExportColumn => ({ key, kind, header: { zh, en } });

// The importable entities. Each declares its fields (header aliases in Chinese and English,
// type, required), its key, how a row becomes a record, and how a batch of valid records is
// written — set-based, inside the import's single transaction. A later capability adds its
// entity by writing a module like entities/contacts.ts and listing it in ENTITIES below.
import type { Transaction } from 'kysely';
import type { WriteContext } from '../audit/audit-log.js';
import type { DB } from '../db/schema.js';
import { accountsImport } from './entities/accounts.js';
import { contactsImport } from './entities/contacts.js';
import { ordersImport } from './entities/orders.js';
import { paymentsImport } from './entities/payments.js';
import { opportunitiesImport } from './entities/opportunities.js';
import { stakeholdersImport } from './entities/stakeholders.js';
import type { CellValue, FieldDef, FieldValue } from './rules/fields.js';
import type { HeaderIssue } from './rules/headers.js';

/** A row's parsed cells by field name (null: blank or no column). */
export type Values = Readonly<Record<string, FieldValue | null>>;

export interface FieldProblem {
  field: string | null;
  code: string;
  reason: string;
}

/**
 * A value that must occur once per file (the key, and other unique columns). Rows with the same
 * key and the same `signature` are parts of one record (order lines) rather than duplicates.
 */
export interface UniqueKey {
  kind: string;
  value: string;
  /** How the key is named in a message: "order number", "客户编码". */
  label: string;
  signature?: string;
}

export interface BatchRow<R> {
  row: number;
  record: R;
  cells: readonly CellValue[];
  /** The row's key (with the same signature) was met in an earlier batch: it continues that record. */
  continues?: boolean;
}

export interface RowRejection extends FieldProblem {
  row: number;
  /** The row's cells, when the row is no longer in the batch (problems found after the last batch). */
  cells?: readonly CellValue[];
}

export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
  /** Entity-specific counts (orders, lines), summed over the batches. */
  extra?: Record<string, number>;
}

export interface ImportContext {
  trx: Transaction<DB>;
  write: WriteContext;
  entity: string;
  fileName: string;
  createMissing: boolean;
  /** Fields that have a column in this file. */
  columns: ReadonlySet<string>;
  /** Per import memo (users by name, …). */
  memo: Map<string, unknown>;
  /** Accounts this batch touched, for one summary timeline event per account at the end. */
  touch(accountId: number, what: 'created' | 'updated', n?: number): void;
  /** Accounts created for unknown customer codes (--create-missing). */
  accountsCreated: number;
}

export interface ImportEntity<R = unknown> {
  name: string;
  aliases: readonly string[];
  /** Chinese name for messages. */
  label: string;
  /** What identifies a record across imports (README, --help). */
  keyDescription: string;
  fields: readonly FieldDef[];
  /** At least one field of each group needs a column. */
  requireAny?: readonly (readonly string[])[];
  /** Further checks on which columns the file has. */
  checkColumns?(present: ReadonlySet<string>): HeaderIssue[];
  /** Row-level checks; the record and its unique keys, or what is wrong. */
  prepare(values: Values, columns: ReadonlySet<string>): { record: R; uniques: UniqueKey[] } | { problems: FieldProblem[] };
  /** Resolves references and writes a batch of valid rows; rows it cannot write are rejected, not written. */
  write(ctx: ImportContext, rows: BatchRow<R>[]): Promise<BatchOutcome>;
  /** After the last batch: links that may point forward in the file (parents), totals. */
  finish?(ctx: ImportContext): Promise<BatchOutcome>;
}

const ENTITIES: readonly ImportEntity<never>[] = [accountsImport, contactsImport, ordersImport, paymentsImport, opportunitiesImport, stakeholdersImport] as ImportEntity<never>[];

export function importEntities(): readonly ImportEntity<never>[] {
  return ENTITIES;
}

/** The entity named (or aliased) `name`: accounts, account, 客户, …; undefined if none. */
export function findImportEntity(name: string): ImportEntity<never> | undefined {
  const key = name.trim().toLowerCase();
  return ENTITIES.find((e) => e.name === key || e.aliases.includes(key));
}

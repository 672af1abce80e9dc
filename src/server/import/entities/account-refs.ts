// The customer a contact, order or payment row belongs to: matched by external code (客户编码)
// first, then by normalised name (strictNameKey). An unknown customer rejects the row, naming
// it — or, with --create-missing and a customer code, creates the account.
import { looseNameKey, searchText, strictNameKey } from '../../accounts/rules/names.js';
import type { FieldDef } from '../rules/fields.js';
import type { FieldProblem, ImportContext, RowRejection, Values } from '../registry.js';
import { importRepository } from '../repository.js';
import { accountsImportRepository } from './accounts-repository.js';

export interface AccountRef {
  code: string | null;
  name: string | null;
  /** A column that may hold either (客户): tried as a code, then as a name. */
  any: string | null;
}

export const ACCOUNT_REF_FIELDS: readonly FieldDef[] = [
  { name: 'account', aliases: ['客户', '所属客户', 'customer', 'client'], type: 'text', maxLength: 200 },
  {
    name: 'accountCode',
    aliases: ['客户编码', '客户代码', '客户编号', '客户号', 'customer code', 'customer id', 'customer no', 'account code', 'client code'],
    type: 'text',
    maxLength: 100,
  },
  { name: 'accountName', aliases: ['客户名称', '公司名称', '单位名称', '公司', 'customer name', 'account name', 'company', 'company name'], type: 'text', maxLength: 200 },
];

export const ACCOUNT_REF_GROUP = ['account', 'accountCode', 'accountName'] as const;

export function accountRefOf(v: Values): AccountRef | null {
  const ref = { code: (v.accountCode as string | null) ?? null, name: (v.accountName as string | null) ?? null, any: (v.account as string | null) ?? null };
  return ref.code || ref.name || ref.any ? ref : null;
}

export const missingAccount: FieldProblem = { field: 'account', code: 'required', reason: 'the customer (客户编码 or 客户名称) is empty' };

/** How the row names its customer, for keys and messages. */
export function refText(ref: AccountRef): string {
  return ref.code ?? ref.any ?? ref.name ?? '';
}

type Resolved = { rows: Map<number, number>; rejected: RowRejection[] };

export async function resolveAccountRefs(ctx: ImportContext, rows: readonly { row: number; ref: AccountRef }[]): Promise<Resolved> {
  const codes = new Set<string>();
  const keys = new Set<string>();
  for (const { ref } of rows) {
    for (const c of [ref.code, ref.any]) if (c) codes.add(c);
    for (const n of [ref.name, ref.any]) if (n) keys.add(strictNameKey(n));
  }
  const found = await accountsImportRepository.findRefs(ctx.trx, [...codes], [...keys]);
  const byCode = new Map(found.filter((a) => a.external_code).map((a) => [a.external_code!, a.id]));
  const byName = new Map(found.map((a) => [a.name_key, a.id]));
  const out: Resolved = { rows: new Map(), rejected: [] };
  const toCreate = new Map<string, { name: string; rows: number[] }>();
  for (const { row, ref } of rows) {
    const id =
      (ref.code ? byCode.get(ref.code) : undefined) ??
      (ref.any ? (byCode.get(ref.any) ?? byName.get(strictNameKey(ref.any))) : undefined) ??
      (ref.name ? byName.get(strictNameKey(ref.name)) : undefined);
    if (id !== undefined) out.rows.set(row, id);
    else if (ctx.createMissing && ref.code) {
      const entry = toCreate.get(ref.code) ?? { name: ref.name ?? ref.code, rows: [] };
      entry.rows.push(row);
      toCreate.set(ref.code, entry);
    } else {
      const hint = ref.code ? ' (--create-missing creates it)' : '';
      const field = ref.code ? 'accountCode' : ref.any ? 'account' : 'accountName';
      out.rejected.push({ row, field, code: 'unknown_account', reason: `unknown customer "${refText(ref)}": no account has this customer code or name${hint}` });
    }
  }
  if (toCreate.size) await createAccounts(ctx, toCreate, out);
  return out;
}

async function createAccounts(ctx: ImportContext, toCreate: Map<string, { name: string; rows: number[] }>, out: Resolved) {
  const nameKeys = [...toCreate.values()].map((c) => strictNameKey(c.name));
  const taken = new Set((await accountsImportRepository.findRefs(ctx.trx, [], nameKeys)).map((a) => a.name_key));
  const rows: Record<string, unknown>[] = [];
  const rowsOf = new Map<string, number[]>();
  for (const [code, c] of toCreate) {
    const key = strictNameKey(c.name);
    if (taken.has(key)) {
      for (const row of c.rows) {
        out.rejected.push({ row, field: 'accountCode', code: 'name_taken', reason: `cannot create customer "${code}": an account named "${c.name}" already exists with another customer code` });
      }
      continue;
    }
    taken.add(key);
    rows.push({ name: c.name, name_key: key, name_loose: looseNameKey(c.name), external_code: code, lifecycle_status: 'active', search_text: searchText({ name: c.name, external_code: code }) });
    rowsOf.set(code, c.rows);
  }
  const cols = [['name', 'text'], ['name_key', 'text'], ['name_loose', 'text'], ['external_code', 'text'], ['lifecycle_status', 'text'], ['search_text', 'text']] as const;
  const created = await importRepository.insertMany<{ id: number; external_code: string }>(ctx.trx, 'accounts', cols, rows, ['id', 'external_code']);
  for (const { id, external_code } of created) {
    for (const row of rowsOf.get(external_code)!) out.rows.set(row, id);
    ctx.touch(id, 'created');
  }
  ctx.accountsCreated += created.length;
}

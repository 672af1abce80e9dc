// Import of contacts (联系人). Key: the customer + the name + the phone (or, without a phone,
// the e-mail). Re-import upserts: an existing contact of that customer with that name and phone
// (or e-mail) is updated — non-empty cells overwrite, empty cells keep what is stored.
import { strictNameKey } from '../../accounts/rules/names.js';
import type { FieldDef } from '../rules/fields.js';
import type { BatchOutcome, FieldProblem, ImportContext, ImportEntity, UniqueKey, Values } from '../registry.js';
import { importRepository, type Columns } from '../repository.js';
import { ACCOUNT_REF_FIELDS, ACCOUNT_REF_GROUP, accountRefOf, missingAccount, refText, resolveAccountRefs, type AccountRef } from './account-refs.js';
import { contactsImportRepository } from './contacts-repository.js';

const LEVELS = { executive: 'executive', 高层: 'executive', 决策层: 'executive', middle: 'middle', 中层: 'middle', 管理层: 'middle', operational: 'operational', 基层: 'operational', 执行层: 'operational', 操作层: 'operational' };

export const CONTACT_FIELDS: readonly FieldDef[] = [
  ...ACCOUNT_REF_FIELDS,
  { name: 'name', aliases: ['姓名', '联系人', '联系人姓名', 'contact', 'contact name', 'full name'], type: 'text', required: true, maxLength: 100 },
  { name: 'department', aliases: ['部门', 'dept'], type: 'text', maxLength: 100 },
  { name: 'title', aliases: ['职务', '职位', '头衔', 'job title', 'position', 'contact title'], type: 'text', maxLength: 100 },
  { name: 'level', aliases: ['层级', '级别', '决策层级', 'contact level'], type: 'enum', values: LEVELS },
  { name: 'phone', aliases: ['电话', '手机', '手机号', '联系电话', '电话号码', 'mobile', 'tel', 'telephone', 'phone number'], type: 'text', maxLength: 40 },
  { name: 'email', aliases: ['邮箱', '电子邮件', '电子邮箱', 'e-mail', 'mail'], type: 'text', maxLength: 200 },
  { name: 'birthday', aliases: ['生日', '出生日期', 'birth date', 'date of birth'], type: 'date' },
];

const PHONE = /^[+\d(][\d \-().]{4,39}$/; // (171) 555-7788, 91.24.45.40
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COLUMNS: Columns = [['account_id', 'int'], ['name', 'text'], ['department', 'text'], ['title', 'text'], ['level', 'text'], ['phone', 'text'], ['email', 'text'], ['birthday', 'date']];
const UPDATABLE = ['department', 'title', 'level', 'phone', 'email', 'birthday'] as const;

export interface ContactRecord {
  ref: AccountRef;
  nameKey: string;
  phoneKey: string | null;
  emailKey: string | null;
  cols: Record<string, string | null>;
}

const digits = (p: string | null) => (p ? p.replace(/\D/g, '') : null);

function prepare(v: Values): { record: ContactRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const ref = accountRefOf(v);
  if (!ref) problems.push(missingAccount);
  const name = v.name as string | null;
  if (!name) problems.push({ field: 'name', code: 'required', reason: 'the name is empty' });
  const phone = (v.phone as string | null) ?? null;
  if (phone && !PHONE.test(phone)) problems.push({ field: 'phone', code: 'invalid_phone', reason: 'must be a phone number (digits, spaces, + - ( ))' });
  const email = (v.email as string | null) ?? null;
  if (email && !EMAIL.test(email)) problems.push({ field: 'email', code: 'invalid_email', reason: 'must be an e-mail address' });
  const birthday = (v.birthday as string | null) ?? null;
  if (birthday && birthday < '1900-01-01') problems.push({ field: 'birthday', code: 'out_of_range', reason: 'must be after 1900' });
  if (problems.length || !ref || !name) return { problems };
  const cols = { name, department: v.department as string | null, title: v.title as string | null, level: v.level as string | null, phone, email, birthday };
  const record = { ref, nameKey: strictNameKey(name), phoneKey: digits(phone), emailKey: email?.toLowerCase() ?? null, cols };
  const who = `${strictNameKey(refText(ref))}|${record.nameKey}|${record.phoneKey ?? record.emailKey ?? ''}`;
  return { record, uniques: [{ kind: 'contact', value: who, label: 'customer + name + phone/e-mail' }] };
}

type Existing = Awaited<ReturnType<typeof contactsImportRepository.ofAccounts>>[number];

function sameContact(r: ContactRecord, c: Existing): boolean {
  if (strictNameKey(c.name) !== r.nameKey) return false;
  if (r.phoneKey) return digits(c.phone) === r.phoneKey;
  if (r.emailKey) return c.email?.toLowerCase() === r.emailKey;
  return !c.phone && !c.email;
}

async function write(ctx: ImportContext, rows: { row: number; record: ContactRecord }[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const accounts = await resolveAccountRefs(ctx, rows.map((r) => ({ row: r.row, ref: r.record.ref })));
  out.rejected.push(...accounts.rejected);
  const existing = await contactsImportRepository.ofAccounts(ctx.trx, [...new Set(accounts.rows.values())]);
  const byAccount = new Map<number, Existing[]>();
  for (const c of existing) byAccount.set(c.account_id, [...(byAccount.get(c.account_id) ?? []), c]);
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const matched = new Map<number, number>();
  for (const { row, record } of rows) {
    const accountId = accounts.rows.get(row);
    if (accountId === undefined) continue;
    const match = byAccount.get(accountId)?.find((c) => sameContact(record, c));
    if (match && matched.has(match.id)) {
      out.rejected.push({ row, field: 'name', code: 'duplicate', reason: `is the same contact as row ${matched.get(match.id)}` });
      continue;
    }
    if (match) matched.set(match.id, row);
    if (!match) {
      inserts.push({ account_id: accountId, ...record.cols });
      ctx.touch(accountId, 'created');
      out.created++;
      continue;
    }
    const merged: Record<string, unknown> = { ...match };
    for (const k of UPDATABLE) if (record.cols[k] != null) merged[k] = record.cols[k];
    if (UPDATABLE.some((k) => merged[k] !== match[k])) {
      updates.push(merged);
      ctx.touch(accountId, 'updated');
      out.updated++;
    } else out.unchanged++;
  }
  await importRepository.insertMany(ctx.trx, 'contacts', COLUMNS, inserts);
  await importRepository.updateMany(ctx.trx, 'contacts', COLUMNS, updates);
  return out;
}

export const contactsImport: ImportEntity<ContactRecord> = {
  name: 'contacts',
  aliases: ['contact', '联系人'],
  label: '联系人',
  keyDescription: 'customer + name + phone (or e-mail when there is no phone)',
  fields: CONTACT_FIELDS,
  requireAny: [ACCOUNT_REF_GROUP],
  prepare,
  write: write as ImportEntity<ContactRecord>['write'],
};

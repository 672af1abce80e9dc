// Import of accounts (客户档案). Key: the external code (客户编码) when the row has one, else the
// normalised name. Re-import upserts: the key finds the account, non-empty cells overwrite,
// empty cells leave the stored value alone. Parents (上级客户) are linked after the last batch,
// since a subsidiary may come before its parent in the file.
import type { AccountRow } from '../../db/schema.js';
import { CREDIT_CODE_MESSAGES, cleanCreditCode, creditCodeProblem } from '../../accounts/rules/credit-code.js';
import { looseNameKey, searchText, strictNameKey } from '../../accounts/rules/names.js';
import { decToString, type Dec } from '../rules/decimal.js';
import type { FieldDef } from '../rules/fields.js';
import type { BatchOutcome, FieldProblem, ImportContext, ImportEntity, RowRejection, UniqueKey, Values } from '../registry.js';
import { importRepository } from '../repository.js';
import { ACCOUNT_IMPORT_COLUMNS, accountsImportRepository as repo } from './accounts-repository.js';
import { linkParents } from './account-parents.js';
import { userByName } from './users.js';

const LIFECYCLE = { prospect: 'prospect', 潜在: 'prospect', 潜在客户: 'prospect', active: 'active', 活跃: 'active', 合作中: 'active', dormant: 'dormant', 休眠: 'dormant', lost: 'lost', 流失: 'lost', 已流失: 'lost' };
const CLASSIFICATIONS = {
  economic: 'economic', 经济大客户: 'economic', 经济: 'economic',
  important: 'important', 重要客户: 'important', 重要: 'important',
  group: 'group', 集团客户: 'group', 集团: 'group',
  strategic: 'strategic', 战略客户: 'strategic', 战略: 'strategic',
};
const SEGMENTS = { industry: 'industry', 行业: 'industry', region: 'region', 区域: 'region', 地区: 'region', potential: 'potential', 潜力: 'potential' };

export const ACCOUNT_FIELDS: readonly FieldDef[] = [
  { name: 'name', aliases: ['客户名称', '公司名称', '名称', '客户', '企业名称', 'account', 'account name', 'company', 'company name', 'customer', 'customer name'], type: 'text', required: true, maxLength: 200 },
  { name: 'shortName', aliases: ['简称', '客户简称', 'short name', 'abbreviation'], type: 'text', maxLength: 100 },
  { name: 'creditCode', aliases: ['统一社会信用代码', '信用代码', '社会信用代码', 'credit code', 'uscc'], type: 'text', maxLength: 30 },
  { name: 'externalCode', aliases: ['客户编码', '客户代码', '客户编号', '外部编码', 'external code', 'customer code', 'customer id', 'account code', 'code'], type: 'text', maxLength: 100 },
  { name: 'industry', aliases: ['行业', '所属行业', 'sector'], type: 'text', maxLength: 100 },
  { name: 'region', aliases: ['区域', '地区', '所在地区', 'area', 'office location'], type: 'text', maxLength: 100 },
  { name: 'employees', aliases: ['员工人数', '员工数', '人数', 'headcount', 'employee count'], type: 'integer', min: 0, max: 10_000_000 },
  { name: 'annualRevenue', aliases: ['年营业额', '年营收', '年收入', '营业收入', 'annual revenue', 'revenue'], type: 'money' },
  { name: 'website', aliases: ['网站', '官网', '网址', 'web site', 'url', 'homepage'], type: 'text', maxLength: 300 },
  { name: 'address', aliases: ['地址', '公司地址', '注册地址'], type: 'text', maxLength: 500 },
  { name: 'classifications', aliases: ['大客户分类', '客户分类', '分类', 'classification'], type: 'enum-list', values: CLASSIFICATIONS },
  { name: 'segment', aliases: ['细分市场', '细分', 'market segment'], type: 'enum', values: SEGMENTS },
  { name: 'parent', aliases: ['上级集团客户', '上级客户', '上级客户编码', '母公司', '所属集团', 'parent', 'parent code', 'parent account', 'subsidiary of'], type: 'text', maxLength: 200 },
  { name: 'lifecycleStatus', aliases: ['生命周期', '客户状态', '状态', 'lifecycle', 'status'], type: 'enum', values: LIFECYCLE },
  { name: 'lifecycleReason', aliases: ['原因', '流失原因', 'lifecycle reason', 'reason'], type: 'text', maxLength: 1000 },
  { name: 'owner', aliases: ['客户经理', '负责人', '客户经理用户名', 'owner username', 'account manager'], type: 'text', maxLength: 100 },
];

export interface AccountRecord {
  nameKey: string;
  code: string | null;
  /** Columns to write (only those with a value in the row). */
  cols: Record<string, unknown>;
  parent: string | null;
  owner: string | null;
}

const DOMAIN = /^[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/;

function prepare(v: Values): { record: AccountRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const name = v.name as string | null;
  if (!name) return { problems: [{ field: 'name', code: 'required', reason: 'the name is empty' }] };
  const cols: Record<string, unknown> = { name, name_key: strictNameKey(name), name_loose: looseNameKey(name) };
  const text: [string, string][] = [['shortName', 'short_name'], ['externalCode', 'external_code'], ['industry', 'industry'], ['region', 'region'], ['address', 'address'], ['segment', 'segment'], ['lifecycleStatus', 'lifecycle_status'], ['lifecycleReason', 'lifecycle_reason']];
  for (const [field, col] of text) if (v[field] != null) cols[col] = v[field];
  if (v.employees != null) cols.employees = v.employees;
  if (v.annualRevenue != null) cols.annual_revenue = decToString(v.annualRevenue as Dec);
  if (v.classifications != null && (v.classifications as string[]).length) cols.classifications = v.classifications;
  if (v.creditCode != null) {
    const code = cleanCreditCode(v.creditCode as string);
    const problem = creditCodeProblem(code);
    if (problem) problems.push({ field: 'creditCode', code: `invalid_${problem}`, reason: `统一社会信用代码 ${CREDIT_CODE_MESSAGES[problem]}` });
    cols.credit_code = code;
  }
  if (v.website != null) {
    const site = v.website as string;
    if (/^https?:\/\/[^\s/$.?#][^\s]*$/i.test(site)) cols.website = site;
    else if (DOMAIN.test(site)) cols.website = `http://${site}`;
    else problems.push({ field: 'website', code: 'invalid_url', reason: 'must be a web address (http://…, https://… or example.com)' });
  }
  if (cols.lifecycle_status === 'lost' && !cols.lifecycle_reason) problems.push({ field: 'lifecycleReason', code: 'required', reason: 'a reason is required when an account is lost' });
  const parent = (v.parent as string | null) ?? null;
  if (parent && (parent === cols.external_code || strictNameKey(parent) === cols.name_key)) problems.push({ field: 'parent', code: 'cycle', reason: 'an account cannot be its own parent' });
  if (problems.length) return { problems };
  const code = (cols.external_code as string | undefined) ?? null;
  const uniques: UniqueKey[] = [{ kind: 'name', value: cols.name_key as string, label: 'name' }];
  if (code) uniques.push({ kind: 'code', value: code, label: '客户编码 (external code)' });
  if (cols.credit_code) uniques.push({ kind: 'credit', value: cols.credit_code as string, label: '统一社会信用代码' });
  return { record: { nameKey: cols.name_key as string, code, cols, parent, owner: (v.owner as string | null) ?? null }, uniques };
}

const UPDATABLE = ACCOUNT_IMPORT_COLUMNS.map(([c]) => c).filter((c) => c !== 'search_text');

function findMatch(r: AccountRecord, byCode: Map<string, AccountRow>, byName: Map<string, AccountRow>, byCredit: Map<string, AccountRow>): AccountRow | FieldProblem | null {
  let match = r.code ? byCode.get(r.code) : undefined;
  const named = byName.get(r.nameKey);
  if (!match && named) {
    if (r.code && named.external_code && named.external_code !== r.code) {
      return { field: 'name', code: 'name_taken', reason: `an account named "${named.name}" already exists with 客户编码 ${named.external_code}` };
    }
    match = named;
  }
  if (match && named && named.id !== match.id) return { field: 'name', code: 'name_taken', reason: `another account (客户编码 ${named.external_code ?? '—'}) is already named "${named.name}"` };
  const cc = r.cols.credit_code as string | undefined;
  const clash = cc ? byCredit.get(cc) : undefined;
  if (clash && clash.id !== match?.id) return { field: 'creditCode', code: 'duplicate', reason: `统一社会信用代码 is already used by "${clash.name}"` };
  return match ?? null;
}

async function write(ctx: ImportContext, rows: { row: number; record: AccountRecord; cells: readonly unknown[] }[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const recs = rows.map((r) => r.record);
  const existing = await repo.findByKeys(ctx.trx, recs.flatMap((r) => (r.code ? [r.code] : [])), recs.map((r) => r.nameKey), recs.flatMap((r) => (r.cols.credit_code ? [r.cols.credit_code as string] : [])));
  const index = (f: (a: AccountRow) => string | null) => new Map(existing.filter((a) => f(a)).map((a) => [f(a)!, a]));
  const byCode = index((a) => a.external_code);
  const byName = index((a) => a.name_key);
  const byCredit = index((a) => a.credit_code);
  const inserts: Record<string, unknown>[] = [];
  const updates: Record<string, unknown>[] = [];
  const pending: { row: number; nameKey: string; id?: number; counted: boolean; parent: string; cells: readonly unknown[] }[] = [];
  for (const { row, record, cells } of rows) {
    const reject = (p: FieldProblem) => out.rejected.push({ row, ...p } satisfies RowRejection);
    const match = findMatch(record, byCode, byName, byCredit);
    if (match && 'code' in match && 'reason' in match) {
      reject(match);
      continue;
    }
    const cols = { ...record.cols };
    if (record.owner) {
      const owner = await userByName(ctx, record.owner, ['kam', 'director', 'admin']);
      if ('reason' in owner) {
        reject({ field: 'owner', ...owner });
        continue;
      }
      cols.owner_id = owner.id;
    }
    const current = match as AccountRow | null;
    const merged: Record<string, unknown> = { ...(current ?? { classifications: [], lifecycle_status: 'prospect' }), ...cols };
    merged.search_text = searchText(merged as never);
    const changed = !current || UPDATABLE.some((c) => JSON.stringify(normal(merged[c])) !== JSON.stringify(normal((current as unknown as Record<string, unknown>)[c])));
    if (!current) inserts.push(merged);
    else if (changed) updates.push({ ...merged, id: current.id });
    if (current && changed) ctx.touch(current.id, 'updated');
    out[!current ? 'created' : changed ? 'updated' : 'unchanged']++;
    if (record.parent) pending.push({ row, nameKey: record.nameKey, id: current?.id, counted: !current || changed, parent: record.parent, cells });
  }
  const created = await importRepository.insertMany<{ id: number; name_key: string }>(ctx.trx, 'accounts', ACCOUNT_IMPORT_COLUMNS, inserts, ['id', 'name_key']);
  const idByName = new Map(created.map((c) => [c.name_key, c.id]));
  for (const c of created) ctx.touch(c.id, 'created');
  await importRepository.updateMany(ctx.trx, 'accounts', ACCOUNT_IMPORT_COLUMNS, updates);
  await linkParents.add(ctx, pending.map((p) => ({ ...p, childId: p.id ?? idByName.get(p.nameKey)! })));
  return out;
}

/** Values as compared for "changed": numerics as numbers' text, arrays sorted. */
function normal(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return [...(v as string[])].sort();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return String(Number(v));
  return v;
}

export const accountsImport: ImportEntity<AccountRecord> = {
  name: 'accounts',
  aliases: ['account', 'customers', 'customer', '客户', '客户档案'],
  label: '客户',
  keyDescription: 'external code (客户编码) when given, else the normalised name',
  fields: ACCOUNT_FIELDS,
  prepare,
  write: write as ImportEntity<AccountRecord>['write'],
  finish: (ctx) => linkParents.finish(ctx),
};

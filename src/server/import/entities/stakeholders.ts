// Import of stakeholders (决策链关键人). Key: the customer + the person's name. Re-import updates
// that person: non-empty cells overwrite, empty cells keep what is stored. The measures and
// alerts of the maps an import touched are brought up to date by the next sweep (reminders).
import { strictNameKey } from '../../accounts/rules/names.js';
import type { FieldDef } from '../rules/fields.js';
import type { BatchOutcome, BatchRow, FieldProblem, ImportContext, ImportEntity, UniqueKey, Values } from '../registry.js';
import { importRepository, type Columns } from '../repository.js';
import { ACCOUNT_REF_FIELDS, ACCOUNT_REF_GROUP, accountRefOf, missingAccount, refText, resolveAccountRefs, type AccountRef } from './account-refs.js';

const ROLES = {
  decision_maker: 'decision_maker', 'decision maker': 'decision_maker', 'economic buyer': 'decision_maker', 高层决策者: 'decision_maker', 决策者: 'decision_maker', 决策人: 'decision_maker',
  technical_evaluator: 'technical_evaluator', 'technical evaluator': 'technical_evaluator', 技术评估者: 'technical_evaluator', 技术把关者: 'technical_evaluator',
  user: 'user', 使用者: 'user', 用户: 'user',
  influencer: 'influencer', 影响者: 'influencer',
  gatekeeper: 'gatekeeper', 把关者: 'gatekeeper', 守门人: 'gatekeeper',
};
const ATTITUDES = { coach: 'coach', 内线: 'coach', 教练: 'coach', ally: 'ally', 结盟者: 'ally', supporter: 'supporter', 支持者: 'supporter', neutral: 'neutral', 中立者: 'neutral', 中立: 'neutral', opponent: 'opponent', 敌对者: 'opponent', 反对者: 'opponent' };
const KINDS = { skeptic: 'skeptic', 怀疑者: 'skeptic', misunderstanding: 'misunderstanding', 误解者: 'misunderstanding', regressor: 'regressor', 倒退者: 'regressor' };

export const STAKEHOLDER_FIELDS: readonly FieldDef[] = [
  ...ACCOUNT_REF_FIELDS,
  { name: 'name', aliases: ['姓名', '关键人', '联系人', 'stakeholder', 'person', 'full name'], type: 'text', required: true, maxLength: 100 },
  { name: 'title', aliases: ['职务', '职位', 'job title', 'position'], type: 'text', maxLength: 100 },
  { name: 'buyingRole', aliases: ['角色', '采购角色', '决策角色', 'buying role', 'role'], type: 'enum', values: ROLES },
  { name: 'attitude', aliases: ['立场', '态度', 'attitude', 'stance'], type: 'enum', values: ATTITUDES },
  { name: 'attitudeKind', aliases: ['非支持类型', '非支持者类型', 'non-supporter kind', 'attitude kind'], type: 'enum', values: KINDS },
  { name: 'influence', aliases: ['影响力', '权重', 'influence', 'weight'], type: 'integer', min: 1, max: 10 },
  { name: 'relationshipLevel', aliases: ['关系级别', '客情台阶', '关系台阶', 'relationship level', 'relationship'], type: 'integer', min: 1, max: 6 },
  { name: 'personalNeeds', aliases: ['个人需求', 'personal needs', 'needs'], type: 'text', maxLength: 2000 },
  { name: 'interests', aliases: ['兴趣爱好', '爱好', 'interests', 'hobbies'], type: 'text', maxLength: 2000 },
  { name: 'lastContactDate', aliases: ['最近联系日期', '上次联系', '最后联系日期', 'last contact', 'last contact date'], type: 'date' },
];

const COLUMNS: Columns = [
  ['account_id', 'int'], ['name', 'text'], ['title', 'text'], ['buying_role', 'text'], ['attitude', 'text'], ['attitude_kind', 'text'],
  ['influence', 'int'], ['relationship_level', 'int'], ['personal_needs', 'text'], ['interests', 'text'], ['last_contact_date', 'date'], ['source', 'text'],
];
const UPDATABLE = ['title', 'buying_role', 'attitude', 'attitude_kind', 'influence', 'relationship_level', 'personal_needs', 'interests', 'last_contact_date'] as const;

export interface StakeholderRecord {
  ref: AccountRef;
  nameKey: string;
  cols: Record<string, string | number | null>;
}

function prepare(v: Values): { record: StakeholderRecord; uniques: UniqueKey[] } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const ref = accountRefOf(v);
  if (!ref) problems.push(missingAccount);
  const name = v.name as string | null;
  if (!name) problems.push({ field: 'name', code: 'required', reason: 'the name is empty' });
  const attitude = (v.attitude as string | null) ?? null;
  const kind = (v.attitudeKind as string | null) ?? null;
  if (kind && attitude && attitude !== 'neutral' && attitude !== 'opponent') problems.push({ field: 'attitudeKind', code: 'not_allowed', reason: 'the kind (怀疑者, 误解者, 倒退者) is for non-supporters: neutral or opponent' });
  if (problems.length || !ref || !name) return { problems };
  const cols = {
    name,
    title: (v.title as string | null) ?? null,
    buying_role: (v.buyingRole as string | null) ?? null,
    attitude: kind && !attitude ? 'neutral' : attitude,
    attitude_kind: kind,
    influence: (v.influence as number | null) ?? null,
    relationship_level: (v.relationshipLevel as number | null) ?? null,
    personal_needs: (v.personalNeeds as string | null) ?? null,
    interests: (v.interests as string | null) ?? null,
    last_contact_date: (v.lastContactDate as string | null) ?? null,
  };
  const nameKey = strictNameKey(name);
  return { record: { ref, nameKey, cols }, uniques: [{ kind: 'stakeholder', value: `${strictNameKey(refText(ref))}|${nameKey}`, label: 'customer + name' }] };
}

async function write(ctx: ImportContext, rows: BatchRow<StakeholderRecord>[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, rejected: [] };
  const accounts = await resolveAccountRefs(ctx, rows.map((r) => ({ row: r.row, ref: r.record.ref })));
  out.rejected.push(...accounts.rejected);
  const ids = [...new Set(accounts.rows.values())];
  const existing = ids.length ? await ctx.trx.selectFrom('stakeholders').selectAll().where('account_id', 'in', ids).forUpdate().execute() : [];
  const inserts: Record<string, unknown>[] = [];
  for (const { row, record } of rows) {
    const accountId = accounts.rows.get(row);
    if (accountId === undefined) continue;
    const match = existing.find((e) => e.account_id === accountId && strictNameKey(e.name) === record.nameKey);
    if (!match) {
      inserts.push({ account_id: accountId, ...record.cols, attitude: record.cols.attitude ?? 'neutral', influence: record.cols.influence ?? 5, relationship_level: record.cols.relationship_level ?? 1, source: 'import' });
      ctx.touch(accountId, 'created');
      out.created++;
      continue;
    }
    const patch: Record<string, unknown> = {};
    for (const k of UPDATABLE) if (record.cols[k] != null && record.cols[k] !== (match as Record<string, unknown>)[k]) patch[k] = record.cols[k];
    const attitude = (patch.attitude as string | undefined) ?? match.attitude;
    if (attitude !== 'neutral' && attitude !== 'opponent' && (patch.attitude_kind ?? match.attitude_kind) !== null) patch.attitude_kind = null;
    if (!Object.keys(patch).length) {
      out.unchanged++;
      continue;
    }
    await ctx.trx.updateTable('stakeholders').set(patch as never).set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', match.id).execute();
    ctx.touch(accountId, 'updated');
    out.updated++;
  }
  await importRepository.insertMany(ctx.trx, 'stakeholders', COLUMNS, inserts);
  return out;
}

export const stakeholdersImport: ImportEntity<StakeholderRecord> = {
  name: 'stakeholders',
  aliases: ['stakeholder', 'decision-chain', '关键人', '决策链'],
  label: '关键人',
  keyDescription: 'customer + name',
  fields: STAKEHOLDER_FIELDS,
  requireAny: [ACCOUNT_REF_GROUP],
  prepare,
  write: write as ImportEntity<StakeholderRecord>['write'],
};

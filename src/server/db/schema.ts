// Row types of the tables, as Kysely sees them. Keep in step with the migrations.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Id = Generated<number>;
type Version = ColumnType<number, number | undefined, number>;
/** Exact decimal as a string (numeric): money is never a float. */
export type Decimal = string;

export type Role = 'admin' | 'director' | 'kam' | 'sponsor' | 'service' | 'analyst';
export const ROLES: readonly Role[] = ['admin', 'director', 'kam', 'sponsor', 'service', 'analyst'];

export interface TeamsTable {
  id: Id;
  name: string;
  manager_id: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface UsersTable {
  id: Id;
  username: string;
  display_name: string;
  email: string | null;
  role: Role;
  team_id: number | null;
  password_hash: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Timestamp;
  last_used_at: Timestamp | null;
  expires_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface LoginFailuresTable {
  key: string;
  failures: number;
  first_at: Timestamp;
  locked_until: Timestamp | null;
}

export type LifecycleStatus = 'prospect' | 'active' | 'dormant' | 'lost';
export type Classification = 'economic' | 'important' | 'group' | 'strategic';
export type Segment = 'industry' | 'region' | 'potential';

export interface AccountsTable {
  id: Id;
  name: string;
  name_key: string;
  name_loose: string;
  short_name: string | null;
  credit_code: string | null;
  external_code: string | null;
  industry: string | null;
  region: string | null;
  employees: number | null;
  annual_revenue: ColumnType<Decimal | null, Decimal | number | null | undefined, Decimal | number | null>;
  website: string | null;
  address: string | null;
  classifications: ColumnType<Classification[], Classification[] | undefined, Classification[]>;
  segment: Segment | null;
  parent_id: number | null;
  lifecycle_status: ColumnType<LifecycleStatus, LifecycleStatus | undefined, LifecycleStatus>;
  lifecycle_reason: string | null;
  owner_id: number | null;
  sponsor_id: number | null;
  business_situation: string | null;
  technology_goals: string | null;
  products_in_use: string | null;
  decision_process: string | null;
  search_text: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export type TeamMemberRole = 'sales' | 'technical' | 'service' | 'finance' | 'delivery';

export interface AccountTeamMembersTable {
  account_id: number;
  user_id: number;
  role: TeamMemberRole;
  created_at: Timestamp;
}

export type ContactLevel = 'executive' | 'middle' | 'operational';

export interface ContactsTable {
  id: Id;
  account_id: number;
  name: string;
  department: string | null;
  title: string | null;
  level: ContactLevel | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  preferences: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface AccountNeedsTable {
  id: Id;
  account_id: number;
  title: string;
  description: string | null;
  kind: 'explicit' | 'implicit';
  status: ColumnType<'open' | 'met' | 'dropped', 'open' | 'met' | 'dropped' | undefined, 'open' | 'met' | 'dropped'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface TimelineEventsTable {
  id: Id;
  account_id: number;
  occurred_at: Timestamp;
  kind: string;
  summary: string;
  actor_id: number | null;
  entity: string | null;
  entity_id: string | null;
  data: ColumnType<unknown, string | null | undefined, string | null>;
}

export interface AuditLogTable {
  id: Id;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: ColumnType<unknown, string | null | undefined, string | null>;
  after: ColumnType<unknown, string | null | undefined, string | null>;
  request_id: string | null;
}

export interface RecycleBinTable {
  id: Id;
  entity: string;
  entity_id: string;
  label: string;
  account_id: number | null;
  data: ColumnType<unknown, string, string>;
  deleted_by: number | null;
  deleted_at: Timestamp;
}

/** A date column (`date`): read and written as 'YYYY-MM-DD' (the driver is told not to parse dates). */
type DateCol = ColumnType<string, string, string>;
type Money = ColumnType<Decimal, Decimal | number, Decimal | number>;
type MoneyOrNull = ColumnType<Decimal | null, Decimal | number | null | undefined, Decimal | number | null>;
export type RecordSource = 'manual' | 'import' | 'demo';

/** An order (transaction). amount = sum of its lines' rounded amounts when it has lines; negative for credit notes. */
export interface OrdersTable {
  id: Id;
  account_id: number;
  order_date: DateCol;
  amount: Money;
  cost: MoneyOrNull;
  order_number: string;
  currency: ColumnType<string, string | undefined, string>;
  source: ColumnType<RecordSource, RecordSource | undefined, RecordSource>;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

/** amount = round_half_up(quantity × unit_price × (1 − discount), 2); discount is a fraction 0..1. */
export interface OrderLinesTable {
  order_id: number;
  line_no: number;
  quantity: Money;
  unit_price: Money;
  discount: ColumnType<Decimal, Decimal | number | undefined, Decimal | number>;
  amount: Money;
  cost: MoneyOrNull;
  product: string;
}

/** A receivable: due on due_date, settled on paid_date (null while unpaid). */
export interface PaymentsTable {
  id: Id;
  account_id: number;
  order_id: number | null;
  due_date: DateCol;
  paid_date: DateCol | null;
  amount: Money;
  currency: ColumnType<string, string | undefined, string>;
  invoice_ref: string | null;
  payment_ref: string | null;
  notes: string | null;
  source: ColumnType<RecordSource, RecordSource | undefined, RecordSource>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

export interface DB {
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  accounts: AccountsTable;
  account_team_members: AccountTeamMembersTable;
  contacts: ContactsTable;
  account_needs: AccountNeedsTable;
  timeline_events: TimelineEventsTable;
  audit_log: AuditLogTable;
  recycle_bin: RecycleBinTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  payments: PaymentsTable;
  import_jobs: ImportJobsTable;
  import_mappings: ImportMappingsTable;
  tier_models: TierModelsTable;
  tier_model_criteria: TierModelCriteriaTable;
  tier_ratings: TierRatingsTable;
  tier_runs: TierRunsTable;
  tier_results: TierResultsTable;
  tier_overrides: TierOverridesTable;
  tier_snapshots: TierSnapshotsTable;
  tier_snapshot_rows: TierSnapshotRowsTable;
  tier_entitlements: TierEntitlementsTable;
  key_account_program: KeyAccountProgramTable;
  key_accounts: KeyAccountsTable;
  key_account_decisions: KeyAccountDecisionsTable;
  account_plans: AccountPlansTable;
  account_plan_actions: AccountPlanActionsTable;
  account_whitespace: AccountWhitespaceTable;
  pipeline_stages: PipelineStagesTable;
  opportunities: OpportunitiesTable;
  opportunity_stage_history: OpportunityStageHistoryTable;
  opportunity_info_points: OpportunityInfoPointsTable;
  opportunity_competitors: OpportunityCompetitorsTable;
  stakeholders: StakeholdersTable;
  stakeholder_coverers: StakeholderCoverersTable;
  stakeholder_links: StakeholderLinksTable;
  stakeholder_measures: StakeholderMeasuresTable;
  reminders: RemindersTable;
}

export type ImportJobStatus = 'uploaded' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
type Json = ColumnType<unknown, string | undefined, string>;
type JsonOrNull = ColumnType<unknown, string | null | undefined, string | null>;
type TimestampOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** An import of an uploaded file, run by a server's job runner (import/runner.ts). */
export interface ImportJobsTable {
  id: Id;
  created_by: number | null;
  entity: string;
  file_name: string;
  stored_path: string;
  size_bytes: number;
  format: 'csv' | 'xlsx';
  preview: Json;
  options: Json;
  status: ColumnType<ImportJobStatus, ImportJobStatus | undefined, ImportJobStatus>;
  rows_processed: ColumnType<number, number | undefined, number>;
  rows_estimated: number | null;
  bytes_read: number | null;
  report: JsonOrNull;
  error: JsonOrNull;
  /** The runner (process) that claimed it. */
  owner: string | null;
  created_at: Timestamp;
  queued_at: TimestampOrNull;
  started_at: TimestampOrNull;
  finished_at: TimestampOrNull;
  heartbeat_at: TimestampOrNull;
  updated_at: Timestamp;
  version: Version;
}

/** A saved column → field mapping, by name per entity. */
export interface ImportMappingsTable {
  id: Id;
  entity: string;
  name: string;
  columns: Json;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}

// ---- customer tiering (migration 20261123T1410_tiering; src/server/tiering) ----
type TimestampOrNullT = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** A scoring model version (tiers are numbered 1 = 重要客户 … 4 = 长尾客户). */
export interface TierModelsTable {
  id: Id;
  version_no: number;
  name: string;
  status: ColumnType<'draft' | 'published' | 'retired', 'draft' | 'published' | 'retired' | undefined, 'draft' | 'published' | 'retired'>;
  window_months: ColumnType<number, number | undefined, number>;
  normalisation: ColumnType<'percentile_rank', 'percentile_rank' | undefined, 'percentile_rank'>;
  tier_rule: ColumnType<'shares' | 'thresholds', 'shares' | 'thresholds' | undefined, 'shares' | 'thresholds'>;
  shares_bp: ColumnType<number[], number[] | undefined, number[]>;
  thresholds: ColumnType<string[], string[] | undefined, string[]>;
  tier_names: ColumnType<string[], string[] | undefined, string[]>;
  consolidate_groups: ColumnType<boolean, boolean | undefined, boolean>;
  based_on_id: number | null;
  notes: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  published_by: number | null;
  published_at: TimestampOrNullT;
  version: Version;
}
export interface TierModelCriteriaTable {
  model_id: number;
  position: number;
  criterion: string;
  weight_bp: number;
}
export interface TierRatingsTable {
  account_id: number;
  criterion: string;
  rating: number;
  rated_by: number | null;
  rated_at: Timestamp;
}
export interface TierRunsTable {
  id: Id;
  model_id: number;
  as_of: DateCol;
  window_start: DateCol;
  window_end: DateCol;
  accounts: number;
  scored: number;
  changed: number;
  cutoffs: string[];
  ms: number;
  trigger: string;
  actor_id: number | null;
  computed_at: Timestamp;
}
export interface TierResultsTable {
  account_id: number;
  run_id: number;
  model_id: number;
  tier: number;
  /** The computed tier before the recompute that last changed the row (for the timeline). */
  previous_tier: number | null;
  score: Decimal | null;
  insufficient_data: boolean;
  revenue: Decimal;
  gross_profit: Decimal;
  raw: string[];
  pct: string[] | null;
  computed_at: Timestamp;
}
export interface TierOverridesTable {
  account_id: number;
  tier: number;
  reason: string;
  set_by: number | null;
  set_at: Timestamp;
}
export interface TierSnapshotsTable {
  id: Id;
  label: string;
  kind: 'month' | 'quarter' | 'on_demand';
  as_of: DateCol;
  model_id: number | null;
  run_id: number | null;
  accounts: number;
  created_by: number | null;
  created_at: Timestamp;
}
export interface TierSnapshotRowsTable {
  snapshot_id: number;
  account_id: number;
  tier: number;
  computed_tier: number;
  score: Decimal | null;
  insufficient_data: boolean;
  revenue: Decimal;
  gross_profit: Decimal;
}
export interface TierEntitlementsTable {
  tier: number;
  response_hours: number;
  resolution_hours: number;
  manager_visits_per_year: number;
  sponsor_visits_per_year: number;
  accounts_per_manager: number;
  dedicated_manager: boolean;
  sponsor_required: boolean;
  discount_ceiling_bp: number;
  benefits: ColumnType<string[], string[] | undefined, string[]>;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Version;
}

export type AccountRow = Selectable<AccountsTable>;
export type NewAccountRow = Insertable<AccountsTable>;
export type AccountPatch = Updateable<AccountsTable>;
export type ContactRow = Selectable<ContactsTable>;
export type UserRow = Selectable<UsersTable>;
export type NeedRow = Selectable<AccountNeedsTable>;
export type OrderRow = Selectable<OrdersTable>;
export type OrderLineRow = Selectable<OrderLinesTable>;
export type PaymentRow = Selectable<PaymentsTable>;

// ---- decision chain, pipeline and reminders (migration 20261123T1420_relationships_pipeline) ----
type DateOrNull = ColumnType<string | null, string | null | undefined, string | null>;
type TsOrNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type JsonCol<T> = ColumnType<T, string | undefined, string>;
export type BuyingRole = 'decision_maker' | 'technical_evaluator' | 'user' | 'influencer' | 'gatekeeper';
export type Attitude = 'coach' | 'ally' | 'supporter' | 'neutral' | 'opponent';
export type AttitudeKind = 'skeptic' | 'misunderstanding' | 'regressor';
export type OpportunityStatus = 'open' | 'won' | 'lost';
export interface ExitCriterion {
  key: string;
  label: string;
}
export interface PipelineStagesTable {
  stage: number;
  key: string;
  name_zh: string;
  name_en: string;
  probability: number;
  won: Defaulted<boolean>;
  exit_criteria: JsonCol<ExitCriterion[]>;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Version;
}
export interface OpportunitiesTable {
  id: Id;
  account_id: number;
  name: string;
  amount: Defaulted<Decimal>;
  currency: Defaulted<string>;
  expected_close_date: DateOrNull;
  owner_id: number | null;
  stage: Defaulted<number>;
  max_stage: Defaulted<number>;
  probability: number | null;
  products: Defaulted<string[]>;
  status: Defaulted<OpportunityStatus>;
  lost_reason: string | null;
  winning_competitor: string | null;
  opened_on: Defaulted<string>;
  closed_on: DateOrNull;
  stage_entered_at: Timestamp;
  milestones: JsonCol<Record<string, string[]>>;
  external_ref: string | null;
  source: Defaulted<RecordSource>;
  notes: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}
export interface OpportunityStageHistoryTable {
  id: Generated<number>;
  opportunity_id: number;
  from_stage: number | null;
  to_stage: number;
  to_status: OpportunityStatus;
  at: Timestamp;
  by_id: number | null;
  overridden: Defaulted<boolean>;
  reason: string | null;
  unmet: Defaulted<string[]>;
}
export interface OpportunityInfoPointsTable {
  opportunity_id: number;
  point: number;
  status: Defaulted<'unknown' | 'partial' | 'known'>;
  notes: string | null;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Version;
}
export interface OpportunityCompetitorsTable {
  id: Id;
  opportunity_id: number;
  name: string;
  strengths: string | null;
  weaknesses: string | null;
  threat: Defaulted<number>;
  outcome: Defaulted<'pending' | 'won' | 'lost'>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}
export interface StakeholdersTable {
  id: Id;
  account_id: number;
  opportunity_id: number | null;
  contact_id: number | null;
  name: string;
  title: string | null;
  buying_role: BuyingRole | null;
  attitude: Defaulted<Attitude>;
  attitude_kind: AttitudeKind | null;
  influence: Defaulted<number>;
  relationship_level: Defaulted<number>;
  personal_needs: string | null;
  interests: string | null;
  last_contact_date: DateOrNull;
  source: Defaulted<RecordSource>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}
export interface StakeholderCoverersTable {
  stakeholder_id: number;
  user_id: number;
}
export interface StakeholderLinksTable {
  id: Id;
  account_id: number;
  from_id: number;
  to_id: number;
  kind: 'reports_to' | 'influences';
  hidden: Defaulted<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Timestamp;
  version: Version;
}
export interface StakeholderMeasuresTable {
  id: Generated<number>;
  account_id: number;
  measured_at: Timestamp;
  stakeholders: number;
  total_influence: number;
  support_influence: number;
  opposition_influence: number;
  coach_present: boolean;
  decision_maker_id: number | null;
  decision_maker_contacted: boolean;
  stale: number;
  stale_after_days: number;
  trigger: 'change' | 'sweep';
}
/** Figures and names of a reminder: a coverage share (0–1), a person, days since contact, the stale limit. */
export type ReminderFacts = Record<string, string | number | null>;
export interface RemindersTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  account_id: number | null;
  subject: string;
  /** What the sentence is made of, for wording it in the reader's language (migration 20261123T1510). */
  facts: JsonCol<ReminderFacts>;
  entity: string | null;
  entity_id: string | null;
  condition_key: string | null;
  due_on: DateOrNull;
  read_at: TsOrNull;
  done_at: TsOrNull;
  resolved: Defaulted<boolean>;
  created_at: Timestamp;
  version: Version;
}
export type OpportunityRow = Selectable<OpportunitiesTable>;
export type StakeholderRow = Selectable<StakeholdersTable>;

// ---- the key-account program (SPEC C3; migration 20261123T1430_key_accounts) ----

export interface KeyAccountProgramTable {
  id: ColumnType<number, number | undefined, never>;
  min_size: number;
  max_size: number;
  criteria_tiers: number[];
  min_gross_profit: string | null;
  any_classifications: string[];
  criteria_text: string;
  product_lines: string[];
  champion_id: number | null;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Version;
}

export interface KeyAccountsTable {
  account_id: number;
  reason: string;
  met_criteria: boolean;
  designated_by: number | null;
  designated_at: Timestamp;
}

export interface KeyAccountDecisionsTable {
  id: Id;
  account_id: number;
  action: 'designate' | 'remove';
  reason: string;
  met_criteria: boolean;
  decided_by: number | null;
  decided_at: Timestamp;
}

export interface AccountPlansTable {
  id: Id;
  account_id: number;
  year: number;
  objectives: ColumnType<string, string | undefined, string>;
  strategies: ColumnType<string, string | undefined, string>;
  risks: ColumnType<string, string | undefined, string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}
export type AccountPlanRow = Selectable<AccountPlansTable>;

export type PlanActionStatus = 'open' | 'done' | 'dropped';
export interface AccountPlanActionsTable {
  id: Id;
  plan_id: number;
  title: string;
  owner_id: number | null;
  due_date: string | null;
  status: ColumnType<PlanActionStatus, PlanActionStatus | undefined, PlanActionStatus>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Version;
}
export type AccountPlanActionRow = Selectable<AccountPlanActionsTable>;

export interface AccountWhitespaceTable {
  account_id: number;
  business_units: string[];
  cells: Json;
  updated_by: number | null;
  updated_at: Timestamp;
  version: Version;
}

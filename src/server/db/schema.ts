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

// Shapes of the KAM HTTP API (JSON, camelCase) as the web app uses them.
export type Id = number;

export type Role = 'admin' | 'director' | 'kam' | 'sponsor' | 'service' | 'analyst';
export const ROLES: readonly Role[] = ['admin', 'director', 'kam', 'sponsor', 'service', 'analyst'];

export type LifecycleStatus = 'prospect' | 'active' | 'dormant' | 'lost';
export const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = ['prospect', 'active', 'dormant', 'lost'];

export type Classification = 'economic' | 'important' | 'group' | 'strategic';
export const CLASSIFICATIONS: readonly Classification[] = ['economic', 'important', 'group', 'strategic'];

export type Segment = 'industry' | 'region' | 'potential';
export const SEGMENTS: readonly Segment[] = ['industry', 'region', 'potential'];

export type ContactLevel = 'executive' | 'middle' | 'operational';
export const CONTACT_LEVELS: readonly ContactLevel[] = ['executive', 'middle', 'operational'];

export type TeamMemberRole = 'sales' | 'technical' | 'service' | 'finance' | 'delivery';
export const TEAM_MEMBER_ROLES: readonly TeamMemberRole[] = ['sales', 'technical', 'service', 'finance', 'delivery'];

export type NeedKind = 'explicit' | 'implicit';
export type NeedStatus = 'open' | 'met' | 'dropped';
export const NEED_STATUSES: readonly NeedStatus[] = ['open', 'met', 'dropped'];

/** An exact decimal as the API sends it, e.g. "12345678.90". Never a float. */
export type Decimal = string;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UserRef {
  id: Id;
  displayName: string;
}

export interface SessionUser {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  teamId: Id | null;
}

export interface Session {
  user: SessionUser;
  /** null for a caller with an API token (the web app always has a session cookie, and a token). */
  csrfToken: string | null;
}

/** An option list entry of /api/v1/meta; the server may send plain strings or labelled codes. */
export type MetaOption = string | { value?: string; code?: string; label?: string; name?: string };

export interface Meta {
  roles?: string[];
  lifecycleStatuses?: string[];
  classifications?: string[];
  segments?: string[];
  contactLevels?: string[];
  teamMemberRoles?: string[];
  industries?: MetaOption[];
  regions?: MetaOption[];
  currency?: string;
  timezone?: string;
}

export interface AccountPermissions {
  edit: boolean;
  delete: boolean;
  assign: boolean;
  manageTeam: boolean;
  seePii: boolean;
}

export interface NeedsAnalysis {
  businessSituation: string | null;
  technologyGoals: string | null;
  productsInUse: string | null;
  decisionProcess: string | null;
}

export interface Account {
  id: Id;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  externalCode: string | null;
  industry: string | null;
  region: string | null;
  employees: number | null;
  annualRevenue: Decimal | null;
  website: string | null;
  address: string | null;
  classifications: Classification[];
  segment: Segment | null;
  parentId: Id | null;
  parent: { id: Id; name: string } | null;
  lifecycleStatus: LifecycleStatus;
  lifecycleReason: string | null;
  ownerId: Id | null;
  owner: UserRef | null;
  sponsorId: Id | null;
  sponsor: UserRef | null;
  needsAnalysis?: NeedsAnalysis;
  createdAt: string;
  updatedAt: string;
  version: number;
  permissions?: AccountPermissions;
}

/** An account as the list answers it (GET /api/v1/accounts): the list's columns only. */
export type AccountListItem = Pick<
  Account,
  'id' | 'name' | 'shortName' | 'creditCode' | 'industry' | 'region' | 'classifications' | 'segment' | 'lifecycleStatus' | 'ownerId' | 'owner' | 'parentId' | 'annualRevenue' | 'employees' | 'createdAt' | 'updatedAt' | 'version'
>;

export interface AccountRef {
  id: Id;
  name: string;
}

export interface AccountCreated {
  account: Account;
  warnings?: { possibleDuplicates?: AccountRef[] };
}

export interface Hierarchy {
  ancestors: AccountRef[];
  children: Array<AccountRef & { lifecycleStatus: LifecycleStatus }>;
}

export interface TimelineEvent {
  id: Id | string;
  occurredAt: string;
  kind: string;
  summary: string;
  actor: UserRef | null;
  data: unknown;
}

export interface AccountTeam {
  owner: UserRef | null;
  sponsor: UserRef | null;
  members: Array<{ user: UserRef & { role?: Role }; role: TeamMemberRole }>;
}

export interface Need {
  id: Id;
  title: string;
  description: string | null;
  kind: NeedKind;
  status: NeedStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Contact {
  id: Id;
  accountId: Id;
  name: string;
  department: string | null;
  title: string | null;
  level: ContactLevel | null;
  phone: string | null;
  email: string | null;
  birthday: string | null;
  preferences: string | null;
  piiHidden: boolean;
  version: number;
  createdAt?: string;
  updatedAt?: string;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  role: Role;
  teamId: Id | null;
  active: boolean;
  email: string | null;
  version?: number;
}

export interface Team {
  id: Id;
  name: string;
  managerId: Id | null;
  version: number;
  memberCount: number;
}

export interface RecycleBinItem {
  id: Id;
  entity: string;
  entityId: string | number;
  label: string;
  deletedAt: string;
  deletedBy: UserRef | null;
}

export interface AuditEntry {
  id: Id;
  at: string;
  actor: UserRef | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
}

export interface ApiToken {
  id: Id;
  name: string;
  prefix?: string;
  createdAt: string;
  lastUsedAt?: string | null;
  expiresAt?: string | null;
  revokedAt?: string | null;
}

export interface ApiTokenCreated {
  token: string;
  item: ApiToken;
}

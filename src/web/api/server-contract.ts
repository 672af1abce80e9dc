// The web app's types of API answers, held to the server's response schemas at compile time
// (`npm run typecheck`; nothing here runs or is bundled). Each line says: whatever the schema
// lets the server send is a value of the web type. A field the web reads but the server no longer
// sends, a type changed on one side, or a new status value the web does not know fails the build
// here, before a page breaks. The schema modules hold only zod, so this check reads them without
// the server's code. Every capability's answers (CSV/XLSX exports and the meta lists aside).
import type { z } from 'zod';
import type { accountCreatedOut, accountOut, accountPageOut, hierarchyOut, needOut, teamOut, timelinePageOut } from '../../server/accounts/schemas';
import type { auditPageOut, recycleBinPageOut } from '../../server/audit/schemas';
import type { sessionOut, tokenCreatedOut, tokenListOut } from '../../server/auth/schemas';
import type { contactOut } from '../../server/contacts/schemas';
import type { jobOut, jobPageOut, mappingOut } from '../../server/import/schemas';
import type { Account, AccountCreated, AccountListItem, AccountTeam, ApiToken, ApiTokenCreated, AuditEntry, Contact, Hierarchy, Need, Page, RecycleBinItem, Session, Team, TimelineEvent, User } from './types';
import type { linkOut, mapOut, measureRecordOut, measuresOut, stakeholderOut } from '../../server/relationships/schemas';
import type {
  competitorOut,
  competitorRecordOut,
  forecastOut,
  funnelStepOut,
  infoPointOut,
  metricsOut,
  opportunityDetailOut,
  opportunityOut,
  stageOut,
  stalledOut,
} from '../../server/pipeline/schemas';
import type {
  accountKeyStatusOut,
  actionOut,
  capacityOut,
  decisionOut,
  keyAccountListOut,
  planOut,
  planYearsOut,
  programOut,
  reviewOut,
  whitespaceOut,
} from '../../server/key-accounts/schemas';
import type { orderOut, orderPageOut, paymentOut, paymentPageOut, portfolioReceivablesOut, receivablesOut } from '../../server/orders/schemas';
import type { reminderCountsOut, reminderOut } from '../../server/reminders/schemas';
import type { teamListOut, userPageOut } from '../../server/users/schemas';
import type { entitlementOut, explanationOut, migrationOut, modelOut, paretoOut, pyramidOut, snapshotOut, whatIfOut } from '../../server/tiering/schemas';
import type { Competitor, InfoPoint, Opportunity, OpportunityDetail, StageDef, StageHistoryEntry } from '../pipeline/api';
import type { CompetitorRecord, Forecast, FunnelStep, PipelineMetrics, StalledOpportunity } from '../pipeline/forecast-api';
import type { MeasureRecord, Measures, RelationshipMap, Stakeholder, StakeholderLink } from '../relationships/model';
import type { AccountKeyStatus, Capacity, DecisionResult, KeyAccountList, Plan, PlanAction, PlanYears, Program, Review, Whitespace } from '../key-accounts/api';
import type { OrderDetail, OrderSummary, Payment, PortfolioReceivables, Receivables } from '../orders/api';
import type { ImportJob, ImportJobPage, SavedMapping } from '../import/api';
import type { Reminder, ReminderCounts } from '../reminders/api';
import type { Entitlement, Explanation, Migration, Model, Pareto, Pyramid, Snapshot, WhatIf } from '../tiering/api';

/** Compiles only when every value of `Sent` is a `Read`. */
type Reads<Read, Sent extends Read> = [Read, Sent];
type Out<S extends z.ZodType> = z.output<S>;

export type DecisionChain = [
  Reads<Stakeholder, Out<typeof stakeholderOut>>,
  Reads<StakeholderLink, Out<typeof linkOut>>,
  Reads<Measures, Out<typeof measuresOut>>,
  Reads<MeasureRecord, Out<typeof measureRecordOut>>,
  Reads<RelationshipMap, Out<typeof mapOut>>,
];

export type Pipeline = [
  Reads<Opportunity, Out<typeof opportunityOut>>,
  Reads<OpportunityDetail, Out<typeof opportunityDetailOut>>,
  Reads<StageHistoryEntry, Out<typeof opportunityDetailOut>['history'][number]>,
  Reads<StageDef, Out<typeof stageOut>>,
  Reads<InfoPoint, Out<typeof infoPointOut>>,
  Reads<Competitor, Out<typeof competitorOut>>,
  Reads<Forecast, Out<typeof forecastOut>>,
  Reads<PipelineMetrics, Out<typeof metricsOut>>,
  Reads<CompetitorRecord, Out<typeof competitorRecordOut>>,
  Reads<FunnelStep, Out<typeof funnelStepOut>>,
  Reads<StalledOpportunity, Out<typeof stalledOut>>,
];

export type Reminders = [Reads<Reminder, Out<typeof reminderOut>>, Reads<ReminderCounts, Out<typeof reminderCountsOut>>];

export type Tiering = [
  Reads<Pyramid, Out<typeof pyramidOut>>,
  Reads<Pareto, Out<typeof paretoOut>>,
  Reads<Snapshot, Out<typeof snapshotOut>>,
  Reads<Migration, Out<typeof migrationOut>>,
  Reads<Explanation, Out<typeof explanationOut>>,
  Reads<Model, Out<typeof modelOut>>,
  Reads<WhatIf, Out<typeof whatIfOut>>,
  Reads<Entitlement, Out<typeof entitlementOut>>,
];

export type KeyAccounts = [
  Reads<Program, Out<typeof programOut>>,
  Reads<KeyAccountList, Out<typeof keyAccountListOut>>,
  Reads<Review, Out<typeof reviewOut>>,
  Reads<Capacity, Out<typeof capacityOut>>,
  Reads<AccountKeyStatus, Out<typeof accountKeyStatusOut>>,
  Reads<DecisionResult, Out<typeof decisionOut>>,
  Reads<PlanYears, Out<typeof planYearsOut>>,
  Reads<Plan, Out<typeof planOut>>,
  Reads<PlanAction, Out<typeof actionOut>>,
  Reads<Whitespace, Out<typeof whitespaceOut>>,
];

export type Orders = [
  Reads<Page<OrderSummary>, Out<typeof orderPageOut>>,
  Reads<OrderDetail, Out<typeof orderOut>>,
  Reads<Payment, Out<typeof paymentOut>>,
  Reads<Page<Payment> & { asOf: string }, Out<typeof paymentPageOut>>,
  Reads<Receivables, Out<typeof receivablesOut>>,
  Reads<PortfolioReceivables, Out<typeof portfolioReceivablesOut>>,
];

export type Accounts = [
  Reads<Account, Out<typeof accountOut>>,
  Reads<Page<AccountListItem>, Out<typeof accountPageOut>>,
  Reads<AccountCreated, Out<typeof accountCreatedOut>>,
  Reads<AccountTeam, Out<typeof teamOut>>,
  Reads<Hierarchy, Out<typeof hierarchyOut>>,
  Reads<Page<TimelineEvent>, Out<typeof timelinePageOut>>,
  Reads<Need, Out<typeof needOut>>,
  Reads<Contact, Out<typeof contactOut>>,
];

export type Administration = [
  Reads<Session, Out<typeof sessionOut>>,
  Reads<{ items: ApiToken[] }, Out<typeof tokenListOut>>,
  Reads<ApiTokenCreated, Out<typeof tokenCreatedOut>>,
  Reads<Page<User>, Out<typeof userPageOut>>,
  Reads<{ items: Team[] }, Out<typeof teamListOut>>,
  Reads<Page<AuditEntry>, Out<typeof auditPageOut>>,
  Reads<Page<RecycleBinItem>, Out<typeof recycleBinPageOut>>,
];

export type Imports = [Reads<ImportJob, Out<typeof jobOut>>, Reads<ImportJobPage, Out<typeof jobPageOut>>, Reads<SavedMapping, Out<typeof mappingOut>>];

// Opportunities (商机) of the project pipeline over /api/v1/opportunities… and the stage
// definitions of /api/v1/pipeline/stages. Amounts are exact decimal strings (see money.ts).
// The forecast page has its own hooks in forecast-api.ts.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id, Page } from '../api/types';

export type OpportunityStatus = 'open' | 'won' | 'lost';
export type InfoStatus = 'unknown' | 'partial' | 'known';
export type CompetitorOutcome = 'pending' | 'won' | 'lost';

export interface Opportunity {
  id: Id;
  accountId: Id;
  accountName: string;
  name: string;
  amount: string;
  currency: string;
  expectedCloseDate: string | null;
  ownerId: Id | null;
  ownerName: string | null;
  stage: number;
  maxStage: number;
  probability: number;
  probabilityOverridden: boolean;
  products: string[];
  status: OpportunityStatus;
  lostReason: string | null;
  winningCompetitor: string | null;
  openedOn: string;
  closedOn: string | null;
  stageEnteredAt: string;
  /** Exit criteria met, by stage number: {"1": ["need_confirmed", …]}. */
  milestones: Record<string, string[]>;
  externalRef: string | null;
  source: string;
  notes: string | null;
  canEdit: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface StageHistoryEntry {
  id: Id;
  fromStage: number | null;
  toStage: number;
  toStatus: OpportunityStatus;
  at: string;
  byId: Id | null;
  byName: string | null;
  overridden: boolean;
  reason: string | null;
  /** "stage:criterionKey" of the criteria unmet when overridden. */
  unmet: string[];
}

export interface OpportunityDetail extends Opportunity {
  history: StageHistoryEntry[];
}

export interface StageDef {
  stage: number;
  key: string;
  nameZh: string;
  nameEn: string;
  probability: number;
  won: boolean;
  exitCriteria: { key: string; label: string }[];
  version: number;
}

export interface InfoPoint {
  point: number;
  key: string;
  labelZh: string;
  status: InfoStatus;
  notes: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  version: number;
}

export interface Competitor {
  id: Id;
  opportunityId: Id;
  name: string;
  strengths: string | null;
  weaknesses: string | null;
  threat: number;
  outcome: CompetitorOutcome;
  version: number;
  updatedAt: string;
}

export interface OpportunityFilters {
  accountId?: Id | undefined;
  ownerId?: Id | undefined;
  status?: OpportunityStatus | undefined;
  stage?: number | undefined;
  tier?: number | undefined;
  q?: string | undefined;
  closeFrom?: string | undefined;
  closeTo?: string | undefined;
}

export interface MoveRequest {
  to: number | 'lost';
  reason?: string | undefined;
  lostReason?: string | undefined;
  winningCompetitor?: string | undefined;
}

export interface OpportunityInput {
  name?: string;
  amount?: string;
  currency?: string;
  expectedCloseDate?: string | null;
  ownerId?: Id | null;
  probability?: number | null;
  products?: string[];
  milestones?: Record<string, string[]>;
  notes?: string | null;
}

const KEY = ['opportunities'] as const;
/** The most cards the board loads (in pages of 500); more asks the user to narrow the filters. */
export const BOARD_CAP = 2000;

export function useStages() {
  return useQuery({
    queryKey: ['pipeline', 'stages'],
    queryFn: ({ signal }) => api.get<{ items: StageDef[] }>('/api/v1/pipeline/stages', undefined, signal).then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

export function useOpportunityList(params: OpportunityFilters & { sort?: string | undefined; limit: number; cursor?: string | undefined }) {
  return useQuery({
    queryKey: [...KEY, 'list', params],
    queryFn: ({ signal }) => api.get<Page<Opportunity>>('/api/v1/opportunities', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export const boardKey = (filters: OpportunityFilters) => [...KEY, 'board', filters] as const;

/** Every opportunity matching the filters, up to BOARD_CAP: the board sums its columns itself. */
export function useBoardOpportunities(filters: OpportunityFilters) {
  return useQuery({
    queryKey: boardKey(filters),
    queryFn: async ({ signal }) => {
      const items: Opportunity[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<Opportunity>>('/api/v1/opportunities', { ...filters, limit: 500, cursor }, signal);
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && items.length < BOARD_CAP);
      return { items, truncated: cursor !== undefined };
    },
    placeholderData: keepPreviousData,
  });
}

export function useAccountOpportunities(accountId: Id) {
  return useQuery({
    queryKey: [...KEY, 'account', accountId],
    queryFn: ({ signal }) => api.get<Page<Opportunity>>('/api/v1/opportunities', { accountId, sort: 'stage', limit: 200 }, signal),
  });
}

export function useOpportunity(id: Id) {
  return useQuery({ queryKey: [...KEY, id], queryFn: ({ signal }) => api.get<OpportunityDetail>(`/api/v1/opportunities/${id}`, undefined, signal) });
}

export function useInfoPoints(id: Id) {
  return useQuery({
    queryKey: [...KEY, id, 'info-points'],
    queryFn: ({ signal }) => api.get<{ items: InfoPoint[] }>(`/api/v1/opportunities/${id}/info-points`, undefined, signal).then((r) => r.items),
  });
}

export function useCompetitors(id: Id) {
  return useQuery({
    queryKey: [...KEY, id, 'competitors'],
    queryFn: ({ signal }) => api.get<{ items: Competitor[] }>(`/api/v1/opportunities/${id}/competitors`, undefined, signal).then((r) => r.items),
  });
}

/** Writes; each refreshes the opportunity lists and the pipeline figures (forecast, funnel …). */
export function useOpportunityMutations() {
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['pipeline'] }), qc.invalidateQueries({ predicate: (q) => q.queryKey.includes('timeline') })]);
  const after = (o: OpportunityDetail) => {
    qc.setQueryData([...KEY, o.id], o);
    void refresh();
  };
  return {
    create: useMutation({
      mutationFn: (b: OpportunityInput & { accountId: Id; name: string; stage?: number }) => api.post<OpportunityDetail>('/api/v1/opportunities', b),
      onSuccess: after,
    }),
    update: useMutation({
      mutationFn: ({ id, ...b }: OpportunityInput & { id: Id; version: number }) => api.patch<OpportunityDetail>(`/api/v1/opportunities/${id}`, b),
      onSuccess: after,
    }),
    /** No onSuccess refresh here: the board applies the move optimistically and settles itself. */
    move: useMutation({
      mutationFn: ({ id, ...b }: MoveRequest & { id: Id; version: number }) => api.post<OpportunityDetail>(`/api/v1/opportunities/${id}/stage`, b),
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: Id; version: number }) => api.delete(`/api/v1/opportunities/${id}`, { version }),
      onSuccess: (_v, { id }) => {
        qc.removeQueries({ queryKey: [...KEY, id] });
        void refresh();
      },
    }),
    refresh,
  };
}

export function useOpportunityPartsMutations(id: Id) {
  const qc = useQueryClient();
  const refreshCompetitors = () => qc.invalidateQueries({ queryKey: [...KEY, id, 'competitors'] });
  return {
    setInfoPoint: useMutation({
      mutationFn: ({ point, ...b }: { point: number; version: number; status: InfoStatus; notes: string | null }) =>
        api.put<{ items: InfoPoint[] }>(`/api/v1/opportunities/${id}/info-points/${point}`, b).then((r) => r.items),
      onSuccess: (items) => qc.setQueryData([...KEY, id, 'info-points'], items),
    }),
    addCompetitor: useMutation({
      mutationFn: (b: Omit<Competitor, 'id' | 'opportunityId' | 'version' | 'updatedAt'>) => api.post<Competitor>(`/api/v1/opportunities/${id}/competitors`, b),
      onSuccess: refreshCompetitors,
    }),
    updateCompetitor: useMutation({
      mutationFn: ({ competitorId, ...b }: Partial<Omit<Competitor, 'id' | 'opportunityId' | 'updatedAt'>> & { competitorId: Id; version: number }) =>
        api.patch<Competitor>(`/api/v1/opportunities/${id}/competitors/${competitorId}`, b),
      onSuccess: refreshCompetitors,
    }),
    removeCompetitor: useMutation({
      mutationFn: ({ competitorId, version }: { competitorId: Id; version: number }) => api.delete(`/api/v1/opportunities/${id}/competitors/${competitorId}`, { version }),
      onSuccess: refreshCompetitors,
    }),
  };
}

/** A person of the decision chain (C4) on this opportunity or the whole account (six-step analysis). */
export interface Stakeholder {
  id: Id;
  opportunityId: Id | null;
  name: string;
  title: string | null;
  buyingRole: string | null;
  attitude: string | null;
  attitudeKind: string | null;
  influence: number | null;
  relationshipLevel: number | null;
  personalNeeds: string | null;
  lastContactDate: string | null;
  coveredBy: { id: Id; name: string }[];
  assessmentsHidden: boolean;
}

export function useOpportunityStakeholders(accountId: Id | undefined, opportunityId: Id) {
  return useQuery({
    queryKey: ['stakeholders', accountId, { opportunityId }],
    queryFn: ({ signal }) => api.get<Page<Stakeholder>>(`/api/v1/accounts/${accountId}/stakeholders`, { opportunityId, limit: 200 }, signal).then((r) => r.items),
    enabled: accountId !== undefined,
  });
}

// Customer tiering (客户分级, 客户金字塔) over /api/v1/tiering… and /api/v1/accounts/:id/tier.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id } from '../api/types';
import type { TierKey } from '../key-accounts/api';

export type { TierKey };

export interface TierFigures {
  tier: TierKey;
  tierName: string;
  accounts: number;
  revenue: string;
  grossProfit: string;
  insufficientData: number;
  overridden?: number;
}

export interface Pyramid {
  scope: 'all' | 'yours';
  lastRecompute: { runId: number; modelId: number; modelVersion: number; modelName: string; asOf: string; accounts: number; scored: number; changed: number; ms: number; computedAt: string } | null;
  tiers: TierFigures[];
}

export interface ParetoFigure {
  accounts: number;
  top: number;
  total: string;
  topSum: string;
  topShare: string | null;
  curve: { customers: number; share: string | null }[];
}

export interface Pareto {
  topPercent: number;
  revenue: ParetoFigure;
  grossProfit: ParetoFigure;
}

export interface Snapshot {
  id: Id;
  label: string;
  kind: string;
  asOf: string;
  modelVersion: number | null;
  accounts: number;
  createdAt: string;
  createdBy: { id: Id; displayName: string } | null;
}

export interface Mover {
  accountId: Id;
  accountName: string | null;
  from: TierKey;
  to: TierKey;
}

export interface Migration {
  from: Snapshot & { tiers: TierFigures[] };
  to: Snapshot & { tiers: TierFigures[] };
  matrix: number[][];
  newIn: number[];
  goneFrom: number[];
  stayed: number;
  upCount: number;
  downCount: number;
  up: Mover[];
  down: Mover[];
}

export interface Explanation {
  accountId: Id;
  accountName: string;
  tier: TierKey | null;
  tierName: string | null;
  computed: {
    tier: TierKey;
    tierName: string;
    score: string | null;
    insufficientData: boolean;
    computedAt: string | null;
    asOf: string | null;
    window: { after: string | null; through: string | null };
    modelVersion: number;
    tierRule: 'shares' | 'thresholds';
    scoredAccounts: number | null;
    cutoff: string | null;
    revenue: string | null;
    grossProfit: string | null;
    criteria: { criterion: string; raw: string | null; percentile: string | null; weight: string; contribution: string | null }[];
  } | null;
  override: { tier: TierKey; tierName: string; reason: string; setAt: string | null; setBy: { id: Id; displayName: string } | null } | null;
  ratings: { criterion: string; rating: number; ratedAt: string | null; ratedBy: { id: Id; displayName: string } | null }[];
  canOverride: boolean;
  canRate: boolean;
}

const KEY = ['tiering'] as const;

export const usePyramid = () => useQuery({ queryKey: [...KEY, 'pyramid'], queryFn: ({ signal }) => api.get<Pyramid>('/api/v1/tiering/pyramid', undefined, signal) });
export const usePareto = () =>
  useQuery({ queryKey: [...KEY, 'pareto'], queryFn: ({ signal }) => api.get<Pareto>('/api/v1/tiering/pareto', undefined, signal) });
export const useSnapshots = () => useQuery({ queryKey: [...KEY, 'snapshots'], queryFn: ({ signal }) => api.get<{ items: Snapshot[] }>('/api/v1/tiering/snapshots', undefined, signal) });
export const useMigration = (from: Id | null, to: Id | null) =>
  useQuery({
    queryKey: [...KEY, 'migration', from, to],
    enabled: from !== null && to !== null,
    queryFn: ({ signal }) => api.get<Migration>('/api/v1/tiering/migration', { from: from!, to: to! }, signal),
  });
export const useExplanation = (accountId: Id) => useQuery({ queryKey: [...KEY, 'account', accountId], queryFn: ({ signal }) => api.get<Explanation>(`/api/v1/accounts/${accountId}/tier`, undefined, signal) });

export function useTieringMutations() {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['key-accounts'] })]);
  return {
    recompute: useMutation({ mutationFn: () => api.post<{ accounts: number; scored: number; changed: number; ms: number }>('/api/v1/tiering/recompute', {}), onSuccess: done }),
    snapshot: useMutation({ mutationFn: (b: { label?: string }) => api.post<Snapshot>('/api/v1/tiering/snapshots', { ...b, kind: 'onDemand' }), onSuccess: done }),
    override: useMutation({ mutationFn: (b: { accountId: Id; tier: TierKey; reason: string }) => api.put<Explanation>(`/api/v1/accounts/${b.accountId}/tier-override`, { tier: b.tier, reason: b.reason }), onSuccess: done }),
    removeOverride: useMutation({ mutationFn: (accountId: Id) => api.delete(`/api/v1/accounts/${accountId}/tier-override`), onSuccess: done }),
    rate: useMutation({
      mutationFn: (b: { accountId: Id; ratings: Partial<Record<'growth' | 'relationship' | 'needDiversity' | 'strategicValue', number | null>> }) => api.put<Explanation>(`/api/v1/accounts/${b.accountId}/tier-ratings`, b.ratings),
      onSuccess: done,
    }),
  };
}

export interface Model {
  id: Id;
  versionNo: number;
  name: string;
  status: 'draft' | 'published' | 'retired';
  criteria: { criterion: string; weight: string }[];
  windowMonths: number;
  tierRule: 'shares' | 'thresholds';
  shares: string[];
  thresholds: string[];
  tierNames: string[];
  consolidateGroups: boolean;
  notes: string | null;
  publishedAt: string | null;
  version: number;
}

export interface ModelInput {
  name?: string;
  notes?: string | null;
  criteria?: { criterion: string; weight: string }[];
  windowMonths?: number;
  tierRule?: 'shares' | 'thresholds';
  shares?: string[];
  thresholds?: string[];
  tierNames?: string[];
  consolidateGroups?: boolean;
}

export interface WhatIf {
  asOf: string;
  matrix: number[][];
  newIn: number[];
  moved: number;
  movers: { accountId: Id; accountName: string; from: TierKey | null; to: TierKey; score: string | null }[];
  moversTruncated: boolean;
}

export const useModels = () => useQuery({ queryKey: [...KEY, 'models'], queryFn: ({ signal }) => api.get<{ items: Model[] }>('/api/v1/tiering/models', undefined, signal) });

export function useModelMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    createDraft: useMutation({ mutationFn: (b: ModelInput & { basedOnId?: Id }) => api.post<Model>('/api/v1/tiering/models', b), onSuccess: done }),
    update: useMutation({ mutationFn: ({ id, ...b }: ModelInput & { id: Id; version: number }) => api.patch<Model>(`/api/v1/tiering/models/${id}`, b), onSuccess: done }),
    publish: useMutation({ mutationFn: (m: { id: Id; version: number }) => api.post<Model>(`/api/v1/tiering/models/${m.id}/publish`, { version: m.version }), onSuccess: done }),
    whatIf: useMutation({ mutationFn: (id: Id) => api.post<WhatIf>(`/api/v1/tiering/models/${id}/what-if`, {}) }),
  };
}

export interface Entitlement {
  tier: TierKey;
  tierName: string;
  responseHours: number;
  resolutionHours: number;
  managerVisitsPerYear: number;
  sponsorVisitsPerYear: number;
  accountsPerManager: number;
  dedicatedManager: boolean;
  sponsorRequired: boolean;
  discountCeiling: string;
  benefits: string[];
  version: number;
}

export const useEntitlements = () => useQuery({ queryKey: [...KEY, 'entitlements'], queryFn: ({ signal }) => api.get<{ items: Entitlement[] }>('/api/v1/tiering/entitlements', undefined, signal) });

export function useEntitlementMutation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ tier, ...b }: Omit<Entitlement, 'tierName' | 'discountCeiling'> & { discountCeiling: string }) => api.put<Entitlement>(`/api/v1/tiering/entitlements/${tier}`, b),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: KEY }), qc.invalidateQueries({ queryKey: ['key-accounts'] })]),
  });
}

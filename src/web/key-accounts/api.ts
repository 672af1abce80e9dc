// The key-account program (大客户计划), the account plan and the whitespace matrix over
// /api/v1/key-accounts… and /api/v1/accounts/:id/{key-account,plans,whitespace}.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id } from '../api/types';
import { accountKey } from '../accounts/api';

export type TierKey = 'key' | 'major' | 'ordinary' | 'longTail';
export const TIER_KEYS: TierKey[] = ['key', 'major', 'ordinary', 'longTail'];
export type Unmet = 'tier' | 'gross_profit' | 'classification' | 'lifecycle';
export type SizeWarning = 'below' | 'above' | null;
export interface UserRef {
  id: Id;
  displayName: string;
}

export interface Program {
  minSize: number;
  maxSize: number;
  criteriaTiers: TierKey[];
  minGrossProfit: string | null;
  anyClassifications: string[];
  criteriaText: string;
  productLines: string[];
  champion: UserRef | null;
  size: number;
  sizeWarning: SizeWarning;
  version: number;
}

export interface ProgramAccount {
  accountId: Id;
  name: string;
  lifecycleStatus: string;
  tier: TierKey | null;
  overridden: boolean;
  score: string | null;
  revenue: string | null;
  grossProfit: string | null;
  owner: UserRef | null;
  sponsor: UserRef | null;
  isKeyAccount: boolean;
  designatedAt: string | null;
  reason: string | null;
  meetsCriteria: boolean;
  unmet: Unmet[];
}

export interface Decision {
  id: Id;
  action: 'designate' | 'remove';
  reason: string;
  metCriteria: boolean;
  decidedAt: string;
  decidedBy: UserRef | null;
}

/** GET /api/v1/key-accounts: the key accounts you see and the program's size against its range. */
export interface KeyAccountList {
  items: ProgramAccount[];
  size: number;
  minSize: number;
  maxSize: number;
  sizeWarning: SizeWarning;
}

export type AccountKeyStatus = ProgramAccount & { decisions: Decision[] };

/** What a designation or a removal leaves: the program's size and whether it is out of range. */
export interface DecisionResult {
  size: number;
  sizeWarning: SizeWarning;
  metCriteria: boolean;
}

export interface Review {
  criteria: { tiers: TierKey[]; minGrossProfit: string | null; anyClassifications: string[]; text: string };
  candidates: ProgramAccount[];
  candidateCount: number;
  failing: ProgramAccount[];
}

export interface Capacity {
  accountsPerManager: Record<TierKey, number>;
  managers: { userId: Id; displayName: string; byTier: Record<TierKey, number>; total: number; load: number; over: boolean }[];
}

export interface PlanAction {
  id: Id;
  title: string;
  owner: UserRef | null;
  dueDate: string | null;
  status: 'open' | 'done' | 'dropped';
  version: number;
}

export interface Plan {
  id: Id;
  year: number;
  objectives: string;
  strategies: string;
  risks: string;
  actions: PlanAction[];
  canEdit: boolean;
  version: number;
  updatedAt: string;
}

export type CellStatus = 'in_use' | 'opportunity' | 'competitor' | 'none';
export interface Whitespace {
  productLines: string[];
  businessUnits: string[];
  cells: { businessUnit: string; productLine: string; status: CellStatus; note?: string | null }[];
  summary: { total: number; counts: Record<CellStatus, number>; inUseShare: number };
  canEdit: boolean;
  version: number | null;
}

export interface PlanYears {
  items: { year: number; actions: number }[];
  canEdit: boolean;
}

const KEY = ['key-accounts'] as const;

export const useProgram = () => useQuery({ queryKey: [...KEY, 'program'], queryFn: ({ signal }) => api.get<Program>('/api/v1/key-accounts/program', undefined, signal) });
export const useKeyAccounts = () =>
  useQuery({ queryKey: [...KEY, 'list'], queryFn: ({ signal }) => api.get<KeyAccountList>('/api/v1/key-accounts', undefined, signal) });
export const useReview = (enabled: boolean) => useQuery({ queryKey: [...KEY, 'review'], enabled, queryFn: ({ signal }) => api.get<Review>('/api/v1/key-accounts/review', undefined, signal) });
export const useCapacity = (enabled: boolean) => useQuery({ queryKey: [...KEY, 'capacity'], enabled, queryFn: ({ signal }) => api.get<Capacity>('/api/v1/key-accounts/capacity', undefined, signal) });
export const useAccountKeyStatus = (accountId: Id) =>
  useQuery({ queryKey: [...KEY, 'account', accountId], queryFn: ({ signal }) => api.get<AccountKeyStatus>(`/api/v1/accounts/${accountId}/key-account`, undefined, signal) });

export function useProgramMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    update: useMutation({ mutationFn: (body: Partial<Omit<Program, 'champion' | 'size' | 'sizeWarning'>> & { version: number; championId?: Id | null }) => api.put<Program>('/api/v1/key-accounts/program', body), onSuccess: done }),
    designate: useMutation({
      mutationFn: (b: { accountId: Id; reason: string }) => api.post<DecisionResult>('/api/v1/key-accounts', b),
      onSuccess: done,
    }),
    remove: useMutation({
      mutationFn: (b: { accountId: Id; reason: string }) => api.post<DecisionResult>(`/api/v1/key-accounts/${b.accountId}/remove`, { reason: b.reason }),
      onSuccess: done,
    }),
  };
}

export const usePlanYears = (accountId: Id) =>
  useQuery({ queryKey: ['plans', accountId], queryFn: ({ signal }) => api.get<PlanYears>(`/api/v1/accounts/${accountId}/plans`, undefined, signal) });
export const usePlan = (accountId: Id, year: number) =>
  useQuery({ queryKey: ['plans', accountId, year], queryFn: ({ signal }) => api.get<Plan | null>(`/api/v1/accounts/${accountId}/plans/${year}`, undefined, signal) });
export const useWhitespace = (accountId: Id) =>
  useQuery({ queryKey: ['whitespace', accountId], queryFn: ({ signal }) => api.get<Whitespace>(`/api/v1/accounts/${accountId}/whitespace`, undefined, signal) });

export function usePlanMutations(accountId: Id, year: number) {
  const qc = useQueryClient();
  const done = () => Promise.all([qc.invalidateQueries({ queryKey: ['plans', accountId] }), qc.invalidateQueries({ queryKey: [...accountKey(accountId), 'timeline'] })]);
  return {
    save: useMutation({ mutationFn: (b: { version?: number; objectives?: string; strategies?: string; risks?: string }) => api.put<Plan>(`/api/v1/accounts/${accountId}/plans/${year}`, b), onSuccess: done }),
    addAction: useMutation({ mutationFn: (b: { title: string; ownerId?: Id | null; dueDate?: string | null }) => api.post<PlanAction>(`/api/v1/accounts/${accountId}/plans/${year}/actions`, b), onSuccess: done }),
    updateAction: useMutation({ mutationFn: ({ id, ...b }: { id: Id; version: number; status?: PlanAction['status'] }) => api.patch<PlanAction>(`/api/v1/plan-actions/${id}`, b), onSuccess: done }),
    removeAction: useMutation({ mutationFn: (a: { id: Id; version: number }) => api.delete(`/api/v1/plan-actions/${a.id}`, { version: a.version }), onSuccess: done }),
    saveWhitespace: useMutation({
      mutationFn: (b: { version: number | null; businessUnits: string[]; cells: Whitespace['cells'] }) => api.put<Whitespace>(`/api/v1/accounts/${accountId}/whitespace`, b),
      onSuccess: () => qc.invalidateQueries({ queryKey: ['whitespace', accountId] }),
    }),
  };
}

// The pipeline figures of the forecast page over /api/v1/pipeline/{forecast,metrics,funnel,
// stalled,competitors,stages}. Amounts are exact decimal strings, only ever formatted (never summed here).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Id } from '../api/types';
import type { Opportunity, StageDef } from './api';
import type { ForecastBucket, ForecastCell } from './forecast-model';

export type { ForecastBucket, ForecastCell } from './forecast-model';

/** The filters every pipeline view takes. */
export interface PipelineViewFilters {
  ownerId?: Id | undefined;
  accountId?: Id | undefined;
}

export interface Forecast {
  total: ForecastBucket;
  byMonth: ForecastBucket[];
  byQuarter: ForecastBucket[];
  byOwner: (ForecastBucket & { name: string | null })[];
  /** Keys "1"–"4" (重要 / 主要 / 普通 / 长尾客户) or "none". */
  byTier: ForecastBucket[];
  split: Record<'month' | 'quarter', Record<'owner' | 'tier', ForecastCell[]>>;
  tiersAvailable: boolean;
}

/** won ÷ (won + lost), null when nothing is decided. */
export interface WinRate {
  won: number;
  lost: number;
  rate: number | null;
}

export interface PipelineMetrics {
  winRate: WinRate;
  won: number;
  lost: number;
  open: number;
  wonValue: string;
  openValue: string;
  cycleTime: { count: number; meanDays: number | null; medianDays: number | null };
}

export interface FunnelStep {
  stage: number;
  reached: number;
  conversion: number | null;
}

/** An open opportunity with no stage change for N days: the list's fields plus when it entered its stage. */
export type StalledOpportunity = Pick<Opportunity, 'id' | 'accountId' | 'accountName' | 'name' | 'amount' | 'currency' | 'expectedCloseDate' | 'ownerId' | 'ownerName' | 'stage' | 'probability'> & {
  stageEnteredAt: string;
  daysInStage: number;
};

/** Win/loss against one competitor over the opportunities shown (GET /api/v1/pipeline/competitors). */
export interface CompetitorRecord {
  name: string;
  opportunities: number;
  winRate: WinRate;
  pending: number;
  /** One decimal, as text; null when only known as the winner of a lost deal. */
  averageThreat: string | null;
  lostDealsTo: number;
}

/** The stage definitions come from the one stages query of api.ts (useStages). */
export type StageDefinition = StageDef;

const q = (f: PipelineViewFilters) => ({ ownerId: f.ownerId, accountId: f.accountId });

export function useForecast(f: PipelineViewFilters) {
  return useQuery({
    queryKey: ['pipeline-views', 'forecast', q(f)],
    queryFn: ({ signal }) => api.get<Forecast>('/api/v1/pipeline/forecast', q(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function usePipelineMetrics(f: PipelineViewFilters) {
  return useQuery({
    queryKey: ['pipeline-views', 'metrics', q(f)],
    queryFn: ({ signal }) => api.get<PipelineMetrics>('/api/v1/pipeline/metrics', q(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function useFunnel(f: PipelineViewFilters) {
  return useQuery({
    queryKey: ['pipeline-views', 'funnel', q(f)],
    queryFn: ({ signal }) => api.get<{ steps: FunnelStep[] }>('/api/v1/pipeline/funnel', q(f), signal),
    placeholderData: keepPreviousData,
  });
}

export function useStalled(f: PipelineViewFilters & { days: number; limit?: number }) {
  return useQuery({
    queryKey: ['pipeline-views', 'stalled', q(f), f.days, f.limit ?? 100],
    queryFn: ({ signal }) => api.get<{ days: number; before: string; items: StalledOpportunity[] }>('/api/v1/pipeline/stalled', { ...q(f), days: f.days, limit: f.limit ?? 100 }, signal),
    placeholderData: keepPreviousData,
  });
}


export function useCompetitorRecord(f: PipelineViewFilters) {
  return useQuery({
    queryKey: ['pipeline-views', 'competitors', q(f)],
    queryFn: ({ signal }) => api.get<{ items: CompetitorRecord[] }>('/api/v1/pipeline/competitors', { ...q(f), limit: 50 }, signal),
    placeholderData: keepPreviousData,
  });
}

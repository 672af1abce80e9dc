// 商机看板: one column per stage of project-type sales (and one for lost deals) with count, Σ
// amount and weighted amount; drag a card to move its stage (or use its menu). Moves show at once
// and roll back when the server refuses; a refusal for unmet exit criteria asks for the reason of
// an override. Filters: owner, account, tier, expected close range (kept in the URL).
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, DatePicker, Flex, Select, Skeleton, Typography } from 'antd';
import { ReloadOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../shared/PageHeader';
import { UserSelect } from '../shared/UserSelect';
import { AccountSelect } from '../accounts/AccountSelect';
import { useDocumentTitle } from '../shared/useDocumentTitle';
import { BOARD_CAP, boardKey, useBoardOpportunities, useStages, type Opportunity, type OpportunityFilters } from './api';
import { columnOf, columnTotals } from './model';
import { BoardColumn, type ColumnKey } from './BoardColumn';
import { useStageMove } from './StageMove';

const TIERS = [1, 2, 3, 4] as const;
const TIER_KEYS = ['key', 'major', 'ordinary', 'longTail'] as const;
const COLLAPSE_KEY = 'kam.pipeline.collapsed';

function loadCollapsed(): ColumnKey[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(COLLAPSE_KEY) ?? 'null');
    if (Array.isArray(v)) return v.filter((x): x is ColumnKey => x === 'lost' || typeof x === 'number');
  } catch {
    /* default below */
  }
  return [7, 8, 'lost'];
}

export default function PipelineBoardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  useDocumentTitle(t('pipeline.board.title'));
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const filters: OpportunityFilters = {
    ownerId: num('owner'),
    accountId: num('account'),
    tier: num('tier'),
    closeFrom: params.get('from') ?? undefined,
    closeTo: params.get('to') ?? undefined,
  };
  const hasFilters = Object.values(filters).some((v) => v !== undefined);
  const stages = useStages();
  const board = useBoardOpportunities(filters);
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [collapsed, setCollapsed] = useState<ColumnKey[]>(loadCollapsed);
  const [now] = useState(() => new Date());

  const setParam = (entries: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(entries)) {
      if (v !== null && v !== undefined && v !== '') next.set(k, String(v));
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  // The move shows at once; the snapshot comes back if the server refuses.
  const key = boardKey(filters);
  const mover = useStageMove(stages.data, (opp, to) => {
    const before = qc.getQueryData(key);
    void qc.cancelQueries({ queryKey: key });
    const def = to === 'lost' ? undefined : stages.data?.find((s) => s.stage === to);
    qc.setQueryData<{ items: Opportunity[]; truncated: boolean }>(key, (d) =>
      d && {
        ...d,
        items: d.items.map((o) =>
          o.id !== opp.id
            ? o
            : to === 'lost'
              ? { ...o, status: 'lost' as const }
              : { ...o, stage: to, status: def?.won ? ('won' as const) : ('open' as const), probability: o.probabilityOverridden ? o.probability : (def?.probability ?? o.probability), stageEnteredAt: new Date().toISOString() },
        ),
      },
    );
    return () => qc.setQueryData(key, before);
  });

  const columns: ColumnKey[] = [...(stages.data ?? []).map((s) => s.stage), 'lost'];
  const byColumn = useMemo(() => {
    const m = new Map<ColumnKey, Opportunity[]>();
    for (const o of board.data?.items ?? []) {
      const c = columnOf(o);
      m.set(c, [...(m.get(c) ?? []), o]);
    }
    return m;
  }, [board.data]);
  const isClosed = (c: ColumnKey) => c === 'lost' || !!stages.data?.find((s) => s.stage === c)?.won;
  const toggle = (c: ColumnKey) => {
    const next = collapsed.includes(c) ? collapsed.filter((x) => x !== c) : [...collapsed, c];
    setCollapsed(next);
    localStorage.setItem(COLLAPSE_KEY, JSON.stringify(next));
  };

  const loading = (stages.isLoading || board.isLoading) && !board.data;
  const failed = stages.isError || board.isError;

  return (
    <>
      <PageHeader
        title={t('pipeline.board.title')}
        subtitle={t('pipeline.board.subtitle')}
        extra={
          <Button icon={<UnorderedListOutlined />} onClick={() => navigate('/opportunities')}>
            {t('pipeline.list.title')}
          </Button>
        }
      />
      <Flex gap={8} wrap className="kam-toolbar" style={{ marginBottom: 12 }} align="center">
        <UserSelect value={filters.ownerId ?? null} onChange={(v) => setParam({ owner: v })} roles={['admin', 'director', 'kam', 'sponsor']} placeholder={t('pipeline.filters.owner')} style={{ width: 200 }} data-testid="board-owner" />
        <AccountSelect
          value={filters.accountId ?? null}
          initial={filters.accountId ? { id: filters.accountId, name: board.data?.items.find((o) => o.accountId === filters.accountId)?.accountName ?? `#${filters.accountId}` } : null}
          onChange={(v) => setParam({ account: v })}
          allowClear
          placeholder={t('pipeline.filters.account')}
          style={{ width: 240 }}
        />
        <Select
          allowClear
          value={filters.tier ?? null}
          onChange={(v: number | null) => setParam({ tier: v })}
          placeholder={t('pipeline.filters.tier')}
          style={{ width: 140 }}
          options={TIERS.map((n) => ({ value: n, label: t(`keyAccounts.tiers.${TIER_KEYS[n - 1]}`) }))}
          data-testid="board-tier"
        />
        <DatePicker.RangePicker
          value={filters.closeFrom || filters.closeTo ? [filters.closeFrom ? dayjs(filters.closeFrom) : null, filters.closeTo ? dayjs(filters.closeTo) : null] : null}
          allowEmpty={[true, true]}
          onChange={(r) => setParam({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          placeholder={[t('pipeline.filters.closeFrom'), t('pipeline.filters.closeTo')]}
        />
        {hasFilters && <Button onClick={() => setParams({}, { replace: true })}>{t('common.clearFilters')}</Button>}
        <Button icon={<ReloadOutlined />} aria-label={t('common.refresh')} onClick={() => void board.refetch()} loading={board.isFetching && !loading} />
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto' }}>
          {t('pipeline.board.dragHint')}
        </Typography.Text>
      </Flex>
      {board.data?.truncated && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('pipeline.board.truncated', { count: BOARD_CAP })} />}
      {failed ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          action={
            <Button onClick={() => void Promise.all([stages.refetch(), board.refetch()])}>{t('common.retry')}</Button>
          }
        />
      ) : loading || !stages.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <div style={{ display: 'flex', gap: 10, overflowX: 'auto', paddingBottom: 8, alignItems: 'flex-start' }} data-testid="pipeline-board">
          {columns.map((c) => {
            const items = byColumn.get(c) ?? [];
            return (
              <BoardColumn
                key={String(c)}
                column={c}
                stages={stages.data}
                items={items}
                totals={columnTotals(items)}
                collapsible={isClosed(c)}
                collapsed={isClosed(c) && collapsed.includes(c)}
                onToggle={() => toggle(c)}
                dragging={dragging}
                onDragStart={setDragging}
                onDragEnd={() => setDragging(null)}
                onDrop={(o, to) => {
                  setDragging(null);
                  mover.request(o, to);
                }}
                onMoveMenu={mover.request}
                now={now}
              />
            );
          })}
        </div>
      )}
      {mover.dialog}
    </>
  );
}

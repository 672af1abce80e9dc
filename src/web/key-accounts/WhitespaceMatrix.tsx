// 白区分析: our product lines (rows) × the customer's business units (columns); each cell in use,
// an opportunity, the competitor's, or blank. Edited in place and saved whole.
import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Flex, Input, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Id } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { usePlanMutations, useWhitespace, type CellStatus } from './api';

const STATUS_COLOR: Record<CellStatus, string> = { in_use: '#389e0d', opportunity: '#1d4ed8', competitor: '#cf1322', none: '#bfbfbf' };
const STATUSES: CellStatus[] = ['in_use', 'opportunity', 'competitor', 'none'];
const key = (bu: string, pl: string) => `${bu}\u0000${pl}`;

export function WhitespaceMatrix({ accountId }: { accountId: Id }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const ws = useWhitespace(accountId);
  const { saveWhitespace } = usePlanMutations(accountId, 0);
  const [units, setUnits] = useState<string[]>([]);
  const [cells, setCells] = useState<Map<string, CellStatus>>(new Map());
  const [newUnit, setNewUnit] = useState('');
  const [dirty, setDirty] = useState(false);

  useEffect(() => {
    if (!ws.data) return;
    setUnits(ws.data.businessUnits);
    setCells(new Map(ws.data.cells.map((c) => [key(c.businessUnit, c.productLine), c.status])));
    setDirty(false);
  }, [ws.data]);

  if (ws.isLoading || !ws.data) return <Skeleton active />;
  const data = ws.data;
  const lines = data.productLines;
  const set = (bu: string, pl: string, s: CellStatus) => {
    setCells(new Map(cells).set(key(bu, pl), s));
    setDirty(true);
  };
  const addUnit = () => {
    const u = newUnit.trim();
    if (!u || units.includes(u)) return;
    setUnits([...units, u]);
    setNewUnit('');
    setDirty(true);
  };
  const save = async () => {
    const list = units.flatMap((bu) => lines.flatMap((pl) => {
      const s = cells.get(key(bu, pl));
      return s && s !== 'none' ? [{ businessUnit: bu, productLine: pl, status: s }] : [];
    }));
    try {
      await saveWhitespace.mutateAsync({ version: data.version, businessUnits: units, cells: list });
      void message.success(t('common.saved'));
    } catch (err) {
      handleError(err, { onReload: () => void ws.refetch() });
    }
  };

  const columns = [
    { key: 'pl', title: t('keyAccounts.productLine'), dataIndex: 'pl', fixed: 'left' as const, width: 150 },
    ...units.map((bu) => ({
      key: bu,
      title: (
        <Flex align="center" gap={4}>
          <span>{bu}</span>
          {data.canEdit && (
            <Button type="text" size="small" icon={<CloseOutlined />} aria-label={t('common.remove')} onClick={() => { setUnits(units.filter((u) => u !== bu)); setDirty(true); }} />
          )}
        </Flex>
      ),
      width: 150,
      render: (_v: unknown, row: { pl: string }) => {
        const s = cells.get(key(bu, row.pl)) ?? 'none';
        return data.canEdit ? (
          <Select<CellStatus>
            size="small"
            value={s}
            style={{ width: '100%' }}
            onChange={(v) => set(bu, row.pl, v)}
            data-testid={`cell-${bu}-${row.pl}`}
            options={STATUSES.map((x) => ({ value: x, label: <span style={{ color: STATUS_COLOR[x] }}>● {t(`keyAccounts.cell.${x}`)}</span> }))}
          />
        ) : (
          <span style={{ color: STATUS_COLOR[s] }}>● {t(`keyAccounts.cell.${s}`)}</span>
        );
      },
    })),
  ];

  return (
    <Card
      size="small"
      title={t('keyAccounts.whitespaceTitle')}
      data-testid="whitespace"
      extra={
        <Flex gap={6} wrap>
          {STATUSES.map((s) => (
            <Tag key={s} color={s === 'none' ? undefined : STATUS_COLOR[s]}>
              {t(`keyAccounts.cell.${s}`)} {s === 'none' && dirty ? '' : data.summary.counts[s]}
            </Tag>
          ))}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{t('keyAccounts.whitespaceHint')}</Typography.Paragraph>
      {lines.length === 0 ? (
        <Empty description={t('keyAccounts.noProductLines')} />
      ) : (
        <Table rowKey="pl" size="small" columns={columns} dataSource={lines.map((pl) => ({ pl }))} pagination={false} scroll={{ x: 150 + units.length * 150 }} locale={{ emptyText: ' ' }} />
      )}
      {data.canEdit && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          <Input style={{ width: 220 }} maxLength={100} value={newUnit} onChange={(e) => setNewUnit(e.target.value)} onPressEnter={addUnit} placeholder={t('keyAccounts.businessUnitPlaceholder')} data-testid="unit-name" />
          <Button icon={<PlusOutlined />} onClick={addUnit} disabled={!newUnit.trim() || units.includes(newUnit.trim())} data-testid="unit-add">
            {t('keyAccounts.addBusinessUnit')}
          </Button>
          <Button type="primary" onClick={() => void save()} disabled={!dirty} loading={saveWhitespace.isPending} data-testid="whitespace-save">
            {t('common.save')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}

// 商机 tab of an account: its opportunities by stage with the open pipeline and weighted amount,
// and "new opportunity" for those who may write them (the account's edit right).
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Empty, Flex, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account } from '../api/types';
import { EMPTY, formatDate, formatMoney } from '../shared/format';
import { useAccountOpportunities, useStages, type Opportunity } from './api';
import { columnTotals } from './model';
import { Money, StatusTag, useStageName } from './labels';
import { OpportunityFormDrawer } from './OpportunityFormDrawer';

export default function OpportunitiesTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useAccountOpportunities(account.id);
  const stages = useStages();
  const stageName = useStageName(stages.data);
  const [creating, setCreating] = useState(false);
  const canWrite = account.permissions?.edit ?? false;

  if (list.isLoading) return <Skeleton active paragraph={{ rows: 5 }} />;
  if (list.isError || !list.data)
    return (
      <Empty description={t('errors.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Empty>
    );
  const items = list.data.items;
  const open = columnTotals(items.filter((o) => o.status === 'open'));
  const won = columnTotals(items.filter((o) => o.status === 'won'));

  const columns: TableProps<Opportunity>['columns'] = [
    { key: 'name', title: t('pipeline.fields.name'), render: (_v, o) => <Link to={`/opportunities/${o.id}`} data-testid="account-opportunity-link">{o.name}</Link> },
    {
      key: 'stage',
      title: t('pipeline.fields.stage'),
      width: 180,
      render: (_v, o) => (
        <Flex gap={4} wrap>
          <Tag>{`${o.stage}. ${stageName(o.stage)}`}</Tag>
          {o.status !== 'open' && <StatusTag status={o.status} />}
        </Flex>
      ),
    },
    { key: 'amount', title: t('pipeline.fields.amount'), align: 'right', width: 160, render: (_v, o) => <Money value={o.amount} currency={o.currency} /> },
    { key: 'probability', title: t('pipeline.fields.probability'), align: 'right', width: 104, render: (_v, o) => `${o.probability}%` },
    { key: 'close', title: t('pipeline.fields.expectedClose'), width: 120, render: (_v, o) => formatDate(o.expectedCloseDate) },
    { key: 'owner', title: t('pipeline.fields.owner'), width: 120, render: (_v, o) => o.ownerName ?? EMPTY },
  ];

  return (
    <div data-testid="opportunities-tab">
      <Flex justify="space-between" align="flex-end" wrap gap={16} style={{ marginBottom: 16 }}>
        <Flex gap={32} wrap>
          <Statistic title={t('pipeline.tab.open', { count: open.count })} value={formatMoney(open.amount)} />
          <Statistic title={t('pipeline.board.weighted')} value={formatMoney(open.weighted)} />
          <Statistic title={t('pipeline.tab.won', { count: won.count })} value={formatMoney(won.amount)} />
        </Flex>
        <Flex gap={8}>
          <Button onClick={() => navigate(`/pipeline?account=${account.id}`)}>{t('pipeline.tab.board')}</Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="account-opportunity-create">
              {t('pipeline.list.create')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Table<Opportunity>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pipeline.tab.empty')} /> }}
      />
      {list.data.nextCursor && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          <Link to={`/opportunities?account=${account.id}`}>{t('pipeline.tab.more')}</Link>
        </Typography.Paragraph>
      )}
      <OpportunityFormDrawer open={creating} account={{ id: account.id, name: account.name }} onClose={() => setCreating(false)} onSaved={(o) => navigate(`/opportunities/${o.id}`)} />
    </div>
  );
}

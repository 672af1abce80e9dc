// 集团结构: where the account sits in its group — the chain of parents up to the group head,
// and its direct subsidiaries.
import { Breadcrumb, Card, Empty, Skeleton, Table, Typography } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Account, Hierarchy } from '../../api/types';
import { LifecycleTag } from '../../shared/labels';
import { useHierarchy } from '../api';

type Child = Hierarchy['children'][number];

export default function HierarchyTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const hierarchy = useHierarchy(account.id);
  if (hierarchy.isLoading) return <Skeleton active paragraph={{ rows: 5 }} />;
  const ancestors = hierarchy.data?.ancestors ?? [];
  const children = hierarchy.data?.children ?? [];

  return (
    <div data-testid="hierarchy-tab">
      <Card size="small" title={t('hierarchy.position')} style={{ marginBottom: 24 }}>
        <Breadcrumb
          separator="›"
          data-testid="hierarchy-ancestors"
          items={[
            ...ancestors.map((a) => ({ key: a.id, title: <Link to={`/accounts/${a.id}`}>{a.name}</Link> })),
            {
              key: account.id,
              title: (
                <Typography.Text strong>
                  <ApartmentOutlined /> {account.name}
                </Typography.Text>
              ),
            },
          ]}
        />
        {ancestors.length === 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            {t('hierarchy.topLevel')}
          </Typography.Text>
        )}
      </Card>
      <Typography.Title level={5}>
        {t('hierarchy.subsidiaries')} <Typography.Text type="secondary">({children.length})</Typography.Text>
      </Typography.Title>
      <Table<Child>
        rowKey="id"
        size="middle"
        pagination={children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        dataSource={children}
        columns={[
          {
            key: 'name',
            title: t('accounts.fields.name'),
            render: (_v, c) => <Link to={`/accounts/${c.id}`}>{c.name}</Link>,
          },
          {
            key: 'status',
            title: t('accounts.fields.lifecycleStatus'),
            width: 140,
            render: (_v, c) => <LifecycleTag status={c.lifecycleStatus} />,
          },
        ]}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hierarchy.noSubsidiaries')} /> }}
      />
    </div>
  );
}

// One account: header with actions (edit, merge, delete) and tabs for profile, contacts,
// needs analysis, account team, group hierarchy and timeline. The tab is kept in ?tab=.
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { App, Button, Card, Popconfirm, Result, Skeleton, Tabs, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorHandler } from '../api/errors';
import { useCurrentUser } from '../auth/session';
import { can } from '../auth/permissions';
import { PageHeader } from '../shared/PageHeader';
import { ClassificationTags, LifecycleTag } from '../shared/labels';
import { useAccount, useAccountMutations } from './api';
import { AccountFormDrawer } from './AccountFormDrawer';
import { MergeModal } from './MergeModal';
import { ProfileTab } from './tabs/ProfileTab';
import { useDocumentTitle } from '../shared/useDocumentTitle';

const ContactsTab = lazy(() => import('../contacts/ContactsTab'));
const NeedsTab = lazy(() => import('./tabs/NeedsTab'));
const TeamTab = lazy(() => import('./tabs/TeamTab'));
const HierarchyTab = lazy(() => import('./tabs/HierarchyTab'));
const TimelineTab = lazy(() => import('./tabs/TimelineTab'));
const OrdersTab = lazy(() => import('../orders/OrdersTab'));
const PaymentsTab = lazy(() => import('../orders/PaymentsTab'));
const PlanTab = lazy(() => import('../key-accounts/PlanTab'));
const TierTab = lazy(() => import('../tiering/TierTab'));
const RelationshipMapTab = lazy(() => import('../relationships/RelationshipMapTab'));
const OpportunitiesTab = lazy(() => import('../pipeline/OpportunitiesTab'));

const TABS = ['profile', 'contacts', 'relationships', 'opportunities', 'orders', 'payments', 'tier', 'plan', 'needs', 'team', 'hierarchy', 'timeline'] as const;
type TabKey = (typeof TABS)[number];

export default function AccountDetailPage() {
  const { t } = useTranslation();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const navigate = useNavigate();
  const user = useCurrentUser();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const query = useAccount(Number.isFinite(id) ? id : undefined);
  useDocumentTitle(query.data?.name ?? t('accounts.title'));
  const { remove } = useAccountMutations();
  const tabParam = params.get('tab');
  const tab: TabKey = TABS.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'profile';

  if (!Number.isFinite(id) || (query.isError && isApiError(query.error) && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('accounts.notFound')}
        subTitle={t('accounts.notFoundHint')}
        extra={<Button onClick={() => void navigate('/accounts')}>{t('accounts.backToList')}</Button>}
      />
    );
  }
  if (query.isError && isApiError(query.error) && query.error.status === 403) {
    return <Result status="403" title="403" subTitle={t('errors.forbiddenRecord')} />;
  }
  if (query.isError) {
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const account = query.data;
  if (!account) {
    return (
      <Card variant="borderless">
        <Skeleton active title paragraph={{ rows: 10 }} />
      </Card>
    );
  }
  const perms = account.permissions ?? { edit: false, delete: false, assign: false, manageTeam: false, seePii: false };

  const onDelete = async () => {
    try {
      await remove.mutateAsync({ id: account.id, version: account.version });
      void message.success(t('accounts.deleted'));
      void navigate('/accounts');
    } catch (err) {
      handleError(err, { onReload: () => void query.refetch() });
    }
  };

  const subtitle = [account.shortName, account.industry, account.region].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader
        breadcrumb={[{ title: <Link to="/accounts">{t('accounts.title')}</Link> }, { title: account.name }]}
        title={<span data-testid="account-title">{account.name}</span>}
        tags={
          <>
            <LifecycleTag status={account.lifecycleStatus} />
            {account.classifications.length > 0 && <ClassificationTags values={account.classifications} />}
          </>
        }
        subtitle={subtitle || undefined}
        extra={
          <>
            {perms.edit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="account-edit">
                {t('common.edit')}
              </Button>
            )}
            {perms.assign && can.assignAccounts(user.role) && (
              <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="account-merge">
                {t('accounts.merge.action')}
              </Button>
            )}
            {perms.delete && (
              <Popconfirm
                title={t('accounts.deleteConfirmTitle')}
                description={
                  <Typography.Paragraph style={{ maxWidth: 280, margin: 0 }}>
                    {t('accounts.deleteConfirm', { name: account.name })}
                  </Typography.Paragraph>
                }
                okText={t('common.delete')}
                okButtonProps={{ danger: true, loading: remove.isPending, 'data-testid': 'account-delete-confirm' }}
                cancelText={t('common.cancel')}
                onConfirm={onDelete}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="account-delete">
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'profile' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden={false}
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`account-tab-${k}`}>{t(`accounts.tabs.${k}`)}</span>,
          }))}
        />
        <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} />}>
          {tab === 'profile' && <ProfileTab account={account} />}
          {tab === 'contacts' && <ContactsTab account={account} />}
          {tab === 'relationships' && <RelationshipMapTab account={account} />}
          {tab === 'opportunities' && <OpportunitiesTab account={account} />}
          {tab === 'orders' && <OrdersTab account={account} />}
          {tab === 'payments' && <PaymentsTab account={account} />}
          {tab === 'tier' && <TierTab account={account} />}
          {tab === 'plan' && <PlanTab account={account} />}
          {tab === 'needs' && <NeedsTab account={account} />}
          {tab === 'team' && <TeamTab account={account} />}
          {tab === 'hierarchy' && <HierarchyTab account={account} />}
          {tab === 'timeline' && <TimelineTab account={account} />}
        </Suspense>
      </Card>
      <AccountFormDrawer
        open={editing}
        account={account}
        showAssignment={perms.assign}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
      {merging && <MergeModal target={account} onClose={() => setMerging(false)} />}
    </>
  );
}

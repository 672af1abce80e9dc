// 用户管理 (admin): the users, their roles, teams and status.
import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, Input, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, KeyOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { PageHeader } from '../../shared/PageHeader';
import { RoleTag } from '../../shared/labels';
import { EMPTY } from '../../shared/format';
import { useTeams, useUsers } from '../api';
import { ResetPasswordModal, UserFormModal } from './UserFormModal';
import { useDocumentTitle } from '../../shared/useDocumentTitle';

export default function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  useDocumentTitle(t('users.title'));
  const teams = useTeams();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const teamName = new Map((teams.data ?? []).map((tm) => [tm.id, tm.name]));
  const s = search.trim().toLowerCase();
  const rows = (users.data ?? []).filter(
    (u) => !s || u.username.toLowerCase().includes(s) || u.displayName.toLowerCase().includes(s) || (u.email ?? '').toLowerCase().includes(s),
  );

  const columns: TableProps<User>['columns'] = [
    {
      key: 'user',
      title: t('users.fields.displayName'),
      render: (_v, u) => (
        <div>
          <Typography.Text strong>{u.displayName}</Typography.Text>
          <div>
            <Typography.Text type="secondary" className="kam-mono">
              {u.username}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { key: 'email', title: t('users.fields.email'), render: (_v, u) => u.email ?? EMPTY },
    { key: 'role', title: t('users.fields.role'), width: 140, render: (_v, u) => <RoleTag role={u.role} /> },
    { key: 'team', title: t('users.fields.team'), width: 160, render: (_v, u) => (u.teamId ? teamName.get(u.teamId) ?? `#${u.teamId}` : EMPTY) },
    {
      key: 'active',
      title: t('users.fields.active'),
      width: 100,
      render: (_v, u) => <Badge status={u.active ? 'success' : 'default'} text={t(u.active ? 'users.status.active' : 'users.status.disabled')} />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      render: (_v, u) => (
        <Space size={4}>
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(u)} data-testid="user-edit">
            {t('common.edit')}
          </Button>
          <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => setResetting(u)} data-testid="user-reset-password">
            {t('users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-new">
            {t('users.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        <Flex style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder={t('users.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 280 }} />
        </Flex>
        {users.isLoading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <Table<User>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            locale={{ emptyText: <Empty description={users.isError ? t('errors.loadFailed') : t('common.noMatch')} /> }}
          />
        )}
      </Card>
      {editing !== null && <UserFormModal user={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </>
  );
}

// 团队管理 (admin): sales teams and their managers.
import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Skeleton, Table } from 'antd';
import type { TableProps } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Id, Team } from '../../api/types';
import { useErrorHandler } from '../../api/errors';
import { PageHeader } from '../../shared/PageHeader';
import { UserSelect } from '../../shared/UserSelect';
import { EMPTY, formatInteger } from '../../shared/format';
import { useTeamMutations, useTeams, useUsers } from '../api';
import { useDocumentTitle } from '../../shared/useDocumentTitle';

function TeamModal({ team, onClose }: { team?: Team; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const { create, update } = useTeamMutations();
  const [form] = Form.useForm<{ name: string; managerId?: Id | null }>();
  return (
    <Modal
      open
      title={team ? t('teams.edit', { name: team.name }) : t('teams.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={team ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={team ? { name: team.name, managerId: team.managerId } : {}}
        onFinish={async (v) => {
          const body = { name: v.name.trim(), managerId: v.managerId ?? null };
          try {
            if (team) await update.mutateAsync({ id: team.id, body: { ...body, version: team.version } });
            else await create.mutateAsync(body);
            void message.success(team ? t('common.saved') : t('teams.created'));
            onClose();
          } catch (err) {
            handleError(err, { form });
          }
        }}
      >
        <Form.Item name="name" label={t('teams.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]}>
          <Input data-testid="team-name" />
        </Form.Item>
        <Form.Item name="managerId" label={t('teams.fields.manager')}>
          <UserSelect roles={['director', 'kam', 'admin']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TeamsPage() {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useUsers();
  useDocumentTitle(t('teams.title'));
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const userName = new Map((users.data ?? []).map((u) => [u.id, u.displayName]));

  const columns: TableProps<Team>['columns'] = [
    { key: 'name', title: t('teams.fields.name'), dataIndex: 'name' },
    { key: 'manager', title: t('teams.fields.manager'), render: (_v, tm) => (tm.managerId ? userName.get(tm.managerId) ?? `#${tm.managerId}` : EMPTY) },
    { key: 'members', title: t('teams.fields.memberCount'), width: 120, align: 'right', render: (_v, tm) => formatInteger(tm.memberCount) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 120,
      render: (_v, tm) => (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(tm)} data-testid="team-edit">
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        subtitle={t('teams.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="team-new">
            {t('teams.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        {teams.isLoading ? (
          <Skeleton active paragraph={{ rows: 5 }} />
        ) : (
          <Table<Team>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={teams.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={teams.isError ? t('errors.loadFailed') : t('teams.empty')} /> }}
          />
        )}
      </Card>
      {editing !== null && <TeamModal team={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}

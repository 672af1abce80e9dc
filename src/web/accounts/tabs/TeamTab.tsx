// 客户团队: the account manager (owner), the executive sponsor and the account team members
// with their roles (sales / technical / service / finance / delivery).
import { useState } from 'react';
import { App, Avatar, Button, Card, Col, Empty, Flex, Form, Modal, Popconfirm, Row, Select, Skeleton, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account, AccountTeam, Id, TeamMemberRole, UserRef } from '../../api/types';
import { useErrorHandler } from '../../api/errors';
import { RoleTag, useEnumOptions } from '../../shared/labels';
import { UserSelect } from '../../shared/UserSelect';
import { useAccountMutations, useAccountTeam, useTeamMemberMutations } from '../api';

type Member = AccountTeam['members'][number];

function PersonCard({ title, person, onChange, testId }: { title: string; person: UserRef | null; onChange?: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={title} extra={onChange && <Button size="small" type="link" icon={<EditOutlined />} onClick={onChange}>{t('common.change')}</Button>} data-testid={testId}>
      {person ? (
        <Flex align="center" gap={12}>
          <Avatar style={{ background: '#1d4ed8' }}>{person.displayName.slice(0, 1)}</Avatar>
          <Typography.Text strong>{person.displayName}</Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('team.unassigned')}</Typography.Text>
      )}
    </Card>
  );
}

function AssignModal({ account, field, onClose }: { account: Account; field: 'ownerId' | 'sponsorId'; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const { update } = useAccountMutations();
  const [value, setValue] = useState<Id | null>(account[field]);
  return (
    <Modal
      open
      title={field === 'ownerId' ? t('team.changeOwner') : t('team.changeSponsor')}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={async () => {
        try {
          await update.mutateAsync({ id: account.id, body: { version: account.version, [field]: value ?? null } });
          void message.success(t('common.saved'));
          onClose();
        } catch (err) {
          handleError(err);
        }
      }}
    >
      <UserSelect
        style={{ width: '100%' }}
        value={value}
        onChange={(v) => setValue(v ?? null)}
        roles={field === 'ownerId' ? ['kam', 'director', 'admin'] : ['sponsor', 'director', 'admin']}
      />
    </Modal>
  );
}

export default function TeamTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const enums = useEnumOptions();
  const team = useAccountTeam(account.id);
  const members = useTeamMemberMutations(account.id);
  const [assigning, setAssigning] = useState<'ownerId' | 'sponsorId' | null>(null);
  const [form] = Form.useForm<{ userId: Id; role: TeamMemberRole }>();
  const canManage = account.permissions?.manageTeam ?? false;
  const canAssign = account.permissions?.assign ?? false;

  const setRole = async (userId: Id, role: TeamMemberRole, done: string) => {
    try {
      await members.put.mutateAsync({ userId, role });
      void message.success(done);
      return true;
    } catch (err) {
      handleError(err, { form });
      return false;
    }
  };

  if (team.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  const data = team.data;

  const columns: TableProps<Member>['columns'] = [
    {
      key: 'name',
      title: t('team.member'),
      render: (_v, m) => (
        <Flex align="center" gap={8}>
          <Avatar size="small">{m.user.displayName.slice(0, 1)}</Avatar>
          {m.user.displayName}
        </Flex>
      ),
    },
    { key: 'sysRole', title: t('team.systemRole'), width: 140, render: (_v, m) => (m.user.role ? <RoleTag role={m.user.role} /> : null) },
    {
      key: 'role',
      title: t('team.memberRole'),
      width: 180,
      render: (_v, m) =>
        canManage ? (
          <Select
            size="small"
            value={m.role}
            options={enums.teamRole}
            style={{ width: 140 }}
            onChange={(role: TeamMemberRole) => void setRole(m.user.id, role, t('common.saved'))}
          />
        ) : (
          t(`enums.teamRole.${m.role}`)
        ),
    },
    ...(canManage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            render: (_v: unknown, m: Member) => (
              <Popconfirm
                title={t('team.removeConfirm', { name: m.user.displayName })}
                okText={t('common.remove')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={async () => {
                  try {
                    await members.remove.mutateAsync(m.user.id);
                    void message.success(t('team.removed'));
                  } catch (err) {
                    handleError(err);
                  }
                }}
              >
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} data-testid="team-member-remove" />
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="team-tab">
      <Row gutter={16} style={{ marginBottom: 24 }}>
        <Col xs={24} md={12}>
          <PersonCard testId="team-owner" title={t('accounts.fields.owner')} person={data?.owner ?? account.owner} onChange={canAssign ? () => setAssigning('ownerId') : undefined} />
        </Col>
        <Col xs={24} md={12}>
          <PersonCard testId="team-sponsor" title={t('accounts.fields.sponsor')} person={data?.sponsor ?? account.sponsor} onChange={canAssign ? () => setAssigning('sponsorId') : undefined} />
        </Col>
      </Row>
      <Typography.Title level={5}>{t('team.members')}</Typography.Title>
      {canManage && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 16, rowGap: 8 }}
          initialValues={{ role: 'sales' }}
          onFinish={async (v) => {
            if (await setRole(v.userId, v.role, t('team.added'))) form.resetFields(['userId']);
          }}
        >
          <Form.Item name="userId" rules={[{ required: true, message: t('validation.required') }]}>
            <UserSelect style={{ width: 260 }} exclude={(data?.members ?? []).map((m) => m.user.id)} data-testid="team-member-user" />
          </Form.Item>
          <Form.Item name="role">
            <Select options={enums.teamRole} style={{ width: 140 }} data-testid="team-member-role" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={members.put.isPending} data-testid="team-member-add">
            {t('team.addMember')}
          </Button>
        </Form>
      )}
      <Table<Member>
        rowKey={(m) => m.user.id}
        size="middle"
        columns={columns}
        dataSource={data?.members ?? []}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('team.empty')} /> }}
      />
      {assigning && <AssignModal account={account} field={assigning} onClose={() => setAssigning(null)} />}
    </div>
  );
}

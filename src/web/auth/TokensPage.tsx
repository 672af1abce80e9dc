// API 令牌: personal tokens for integrations (Authorization: Bearer …). A new token is shown
// once, right after it is created.
import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Form, Input, Modal, Popconfirm, Select, Skeleton, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useErrorHandler } from '../api/errors';
import type { ApiToken, ApiTokenCreated, Id, Page } from '../api/types';
import { PageHeader } from '../shared/PageHeader';
import { EMPTY, formatDateTime } from '../shared/format';
import { useDocumentTitle } from '../shared/useDocumentTitle';

const key = ['me', 'tokens'] as const;

function statusOf(tk: ApiToken): 'revoked' | 'expired' | 'active' {
  if (tk.revokedAt) return 'revoked';
  if (tk.expiresAt && dayjs(tk.expiresAt).isBefore(dayjs())) return 'expired';
  return 'active';
}

export default function TokensPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const qc = useQueryClient();
  useDocumentTitle(t('tokens.title'));
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiTokenCreated | null>(null);
  const [form] = Form.useForm<{ name: string; expiresInDays: number }>();
  const tokens = useQuery({
    queryKey: key,
    queryFn: () => api.get<Page<ApiToken> | ApiToken[]>('/api/v1/me/tokens'),
    select: (res) => (Array.isArray(res) ? res : res.items),
  });
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number }) => api.post<ApiTokenCreated>('/api/v1/me/tokens', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const revoke = useMutation({
    mutationFn: (id: Id) => api.delete(`/api/v1/me/tokens/${id}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });

  const columns: TableProps<ApiToken>['columns'] = [
    {
      key: 'name',
      title: t('tokens.fields.name'),
      render: (_v, tk) => (
        <div>
          <Typography.Text strong>{tk.name}</Typography.Text>
          {tk.prefix && (
            <div>
              <Typography.Text type="secondary" className="kam-mono">
                {tk.prefix}…
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'status',
      title: t('tokens.fields.status'),
      width: 110,
      render: (_v, tk) => {
        const s = statusOf(tk);
        return <Badge status={s === 'active' ? 'success' : s === 'expired' ? 'warning' : 'default'} text={t(`tokens.status.${s}`)} />;
      },
    },
    { key: 'createdAt', title: t('tokens.fields.createdAt'), width: 160, render: (_v, tk) => formatDateTime(tk.createdAt) },
    { key: 'lastUsedAt', title: t('tokens.fields.lastUsedAt'), width: 160, render: (_v, tk) => formatDateTime(tk.lastUsedAt) },
    { key: 'expiresAt', title: t('tokens.fields.expiresAt'), width: 160, render: (_v, tk) => (tk.expiresAt ? formatDateTime(tk.expiresAt) : t('tokens.never')) },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 100,
      render: (_v, tk) =>
        statusOf(tk) === 'revoked' ? (
          EMPTY
        ) : (
          <Popconfirm
            title={t('tokens.revokeConfirm', { name: tk.name })}
            okText={t('tokens.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={async () => {
              try {
                await revoke.mutateAsync(tk.id);
                void message.success(t('tokens.revoked'));
              } catch (err) {
                handleError(err);
              }
            }}
          >
            <Button size="small" type="link" danger data-testid="token-revoke">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('tokens.title')}
        subtitle={t('tokens.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-new">
            {t('tokens.new')}
          </Button>
        }
      />
      <Card variant="borderless">
        {tokens.isLoading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <Table<ApiToken>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={tokens.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty description={tokens.isError ? t('errors.loadFailed') : t('tokens.empty')} /> }}
          />
        )}
      </Card>
      <Modal
        open={creating}
        title={t('tokens.new')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={t('common.create')}
        cancelText={t('common.cancel')}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ expiresInDays: 90 }}
          onFinish={async (v) => {
            try {
              const res = await create.mutateAsync({ name: v.name.trim(), expiresInDays: v.expiresInDays > 0 ? v.expiresInDays : undefined });
              setCreating(false);
              form.resetFields();
              setCreated(res);
            } catch (err) {
              handleError(err, { form });
            }
          }}
        >
          <Form.Item name="name" label={t('tokens.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100 }]} extra={t('tokens.nameHint')}>
            <Input data-testid="token-name" />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.fields.expiresAt')}>
            <Select
              data-testid="token-expires"
              options={[30, 90, 180, 365, 0].map((d) => ({ value: d, label: d ? t('tokens.inDays', { count: d }) : t('tokens.never') }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        onCancel={() => setCreated(null)}
        onOk={() => setCreated(null)}
        okText={t('tokens.done')}
        cancelButtonProps={{ style: { display: 'none' } }}
        mask={{ closable: false }}
      >
        <Alert type="warning" showIcon title={t('tokens.showOnce')} style={{ marginBottom: 16 }} />
        <Typography.Paragraph copyable={{ text: created?.token ?? '' }} className="kam-mono" data-testid="token-value" style={{ wordBreak: 'break-all', background: '#f6f7f9', padding: 12, borderRadius: 6 }}>
          {created?.token}
        </Typography.Paragraph>
        <Typography.Text type="secondary">{t('tokens.usage')}</Typography.Text>
        <pre className="kam-mono" style={{ background: '#f6f7f9', padding: 12, borderRadius: 6, whiteSpace: 'pre-wrap' }}>
          {`curl -H "Authorization: Bearer ${created?.token ?? '<token>'}" ${window.location.origin}/api/v1/accounts`}
        </pre>
      </Modal>
    </>
  );
}

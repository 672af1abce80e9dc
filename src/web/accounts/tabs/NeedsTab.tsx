// 需求分析: the four analysis texts of the account, and its list of needs — explicit (显性) or
// implicit (隐性); an implicit need is worked until it becomes explicit, then met or dropped.
import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Dropdown, Empty, Flex, Form, Input, Popconfirm, Row, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { CheckCircleOutlined, DeleteOutlined, DownOutlined, EditOutlined, EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account, Need, NeedsAnalysis } from '../../api/types';
import { clearFieldErrors, useErrorHandler } from '../../api/errors';
import { NeedKindTag, NeedStatusTag } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { useAccountMutations, useNeedMutations, useNeeds } from '../api';
import { NeedModal } from './NeedModal';

const ANALYSIS_FIELDS = ['businessSituation', 'technologyGoals', 'productsInUse', 'decisionProcess'] as const;

function AnalysisForm({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const { update } = useAccountMutations();
  // Nested under needsAnalysis so the server's field errors ("needsAnalysis.x") land on the inputs.
  const [form] = Form.useForm<{ needsAnalysis: NeedsAnalysis }>();
  const [dirty, setDirty] = useState(false);
  const canEdit = account.permissions?.edit ?? false;

  useEffect(() => {
    form.setFieldsValue({
      needsAnalysis: {
        businessSituation: account.needsAnalysis?.businessSituation ?? null,
        technologyGoals: account.needsAnalysis?.technologyGoals ?? null,
        productsInUse: account.needsAnalysis?.productsInUse ?? null,
        decisionProcess: account.needsAnalysis?.decisionProcess ?? null,
      },
    });
    setDirty(false);
  }, [account, form]);

  const save = async ({ needsAnalysis: values }: { needsAnalysis: NeedsAnalysis }) => {
    const needsAnalysis = Object.fromEntries(
      ANALYSIS_FIELDS.map((k) => {
        const v = values[k]?.trim();
        return [k, v ? v : null];
      }),
    ) as unknown as NeedsAnalysis;
    try {
      await update.mutateAsync({ id: account.id, body: { version: account.version, needsAnalysis } });
      void message.success(t('needs.analysisSaved'));
      setDirty(false);
    } catch (err) {
      handleError(err, { form });
    }
  };

  return (
    <Card
      size="small"
      title={t('needs.analysisTitle')}
      extra={
        canEdit && (
          <Button type="primary" size="small" disabled={!dirty} loading={update.isPending} onClick={() => form.submit()} data-testid="needs-analysis-save">
            {t('common.save')}
          </Button>
        )
      }
      style={{ marginBottom: 24 }}
    >
      <Form<{ needsAnalysis: NeedsAnalysis }> form={form} layout="vertical" onFinish={save} onValuesChange={(changed) => {
        setDirty(true);
        clearFieldErrors(form, changed);
      }} disabled={!canEdit}>
        <Row gutter={16}>
          {ANALYSIS_FIELDS.map((k) => (
            <Col xs={24} md={12} key={k}>
              <Form.Item name={['needsAnalysis', k]} label={t(`needs.analysis.${k}`)} tooltip={t(`needs.analysisHints.${k}`)}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid={`needs-${k}`} placeholder={canEdit ? t(`needs.analysisHints.${k}`) : undefined} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form>
    </Card>
  );
}

type NeedFilter = 'all' | 'implicit' | 'explicit' | 'open';

export default function NeedsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const needs = useNeeds(account.id);
  const { update, remove } = useNeedMutations(account.id);
  const [editing, setEditing] = useState<Need | 'new' | null>(null);
  const [filter, setFilter] = useState<NeedFilter>('all');
  const canEdit = account.permissions?.edit ?? false;
  const reload = () => void needs.refetch();

  const patch = async (need: Need, body: Partial<Need>, done: string) => {
    try {
      await update.mutateAsync({ id: need.id, body: { version: need.version, ...body } });
      void message.success(done);
    } catch (err) {
      handleError(err, { onReload: reload });
    }
  };

  const all = needs.data ?? [];
  const shown = all.filter((n) => (filter === 'all' ? true : filter === 'open' ? n.status === 'open' : n.kind === filter));

  const columns: TableProps<Need>['columns'] = [
    {
      key: 'title',
      title: t('needs.fields.title'),
      render: (_v, n) => (
        <div>
          <Typography.Text strong>{n.title}</Typography.Text>
          {n.description && (
            <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2, expandable: true, symbol: t('common.more') }}>
              {n.description}
            </Typography.Paragraph>
          )}
        </div>
      ),
    },
    { key: 'kind', title: t('needs.fields.kind'), width: 110, render: (_v, n) => <NeedKindTag kind={n.kind} /> },
    { key: 'status', title: t('needs.fields.status'), width: 100, render: (_v, n) => <NeedStatusTag status={n.status} /> },
    { key: 'updatedAt', title: t('common.updatedAt'), width: 150, render: (_v, n) => formatDateTime(n.updatedAt) },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 260,
            render: (_v: unknown, n: Need) => (
              <Space size={4} wrap>
                {n.kind === 'implicit' && (
                  <Button size="small" type="link" icon={<EyeOutlined />} data-testid="need-mark-explicit" onClick={() => void patch(n, { kind: 'explicit' }, t('needs.markedExplicit'))}>
                    {t('needs.markExplicit')}
                  </Button>
                )}
                <Dropdown
                  trigger={['click']}
                  menu={{
                    items: (['open', 'met', 'dropped'] as const)
                      .filter((s) => s !== n.status)
                      .map((s) => ({ key: s, label: t(`needs.setStatus.${s}`) })),
                    onClick: ({ key }) => void patch(n, { status: key as Need['status'] }, t('needs.statusChanged')),
                  }}
                >
                  <Button size="small" type="link" icon={<CheckCircleOutlined />}>
                    {t('needs.fields.status')} <DownOutlined />
                  </Button>
                </Dropdown>
                <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(n)} />
                <Popconfirm
                  title={t('needs.deleteConfirm')}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync({ id: n.id, version: n.version });
                      void message.success(t('common.deleted'));
                    } catch (err) {
                      handleError(err, { onReload: reload });
                    }
                  }}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="needs-tab">
      <AnalysisForm account={account} />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Flex align="center" gap={12}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('needs.listTitle')}
          </Typography.Title>
          <Segmented<NeedFilter>
            size="small"
            value={filter}
            onChange={setFilter}
            options={[
              { value: 'all', label: `${t('common.all')} ${all.length}` },
              { value: 'implicit', label: `${t('enums.needKind.implicit')} ${all.filter((n) => n.kind === 'implicit').length}` },
              { value: 'explicit', label: `${t('enums.needKind.explicit')} ${all.filter((n) => n.kind === 'explicit').length}` },
              { value: 'open', label: `${t('enums.needStatus.open')} ${all.filter((n) => n.status === 'open').length}` },
            ]}
          />
        </Flex>
        {canEdit && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="need-add">
            {t('needs.add')}
          </Button>
        )}
      </Flex>
      {needs.isLoading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : (
        <Table<Need>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={shown}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('needs.empty')} /> }}
        />
      )}
      {editing !== null && (
        <NeedModal accountId={account.id} need={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

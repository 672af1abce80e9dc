// 联系人: the people at the account, by level (高层 / 中层 / 基层). Phone, email and birthday
// are shown only to those allowed to see contact PII; others see a locked dash.
import { useState } from 'react';
import type { ReactNode } from 'react';
import { App, Button, Empty, Flex, Input, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account, Contact, ContactLevel } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { HiddenValue } from '../shared/labels';
import { EMPTY, formatDate } from '../shared/format';
import { useDebounced } from '../shared/useDebounced';
import { useContactMutations, useContacts } from './api';
import { ContactModal } from './ContactModal';
import { ExportButton } from '../shared/ExportButton';

const LEVEL_COLOR: Record<ContactLevel, string> = { executive: 'red', middle: 'blue', operational: 'default' };

function pii(c: Contact, value: string | null, render: (v: string) => ReactNode = (v) => v) {
  if (value) return render(value);
  return c.piiHidden ? <HiddenValue /> : EMPTY;
}

export default function ContactsTab({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const contacts = useContacts(account.id, q);
  const { remove } = useContactMutations(account.id);
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const canEdit = account.permissions?.edit ?? false;
  const rows = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  const columns: TableProps<Contact>['columns'] = [
    {
      key: 'name',
      title: t('contacts.fields.name'),
      width: 120,
      render: (_v, c) => <Typography.Text strong>{c.name}</Typography.Text>,
    },
    {
      key: 'level',
      title: t('contacts.fields.level'),
      width: 80,
      render: (_v, c) => (c.level ? <Tag color={LEVEL_COLOR[c.level]}>{t(`enums.contactLevel.${c.level}`)}</Tag> : EMPTY),
    },
    { key: 'department', title: t('contacts.fields.department'), width: 120, render: (_v, c) => c.department ?? EMPTY },
    { key: 'title', title: t('contacts.fields.title'), width: 120, render: (_v, c) => c.title ?? EMPTY },
    {
      key: 'phone',
      title: t('contacts.fields.phone'),
      width: 140,
      render: (_v, c) => pii(c, c.phone, (v) => <Typography.Link href={`tel:${v}`}>{v}</Typography.Link>),
    },
    {
      key: 'email',
      title: t('contacts.fields.email'),
      width: 190,
      ellipsis: true,
      render: (_v, c) => pii(c, c.email, (v) => <Typography.Link href={`mailto:${v}`}>{v}</Typography.Link>),
    },
    { key: 'birthday', title: t('contacts.fields.birthday'), width: 110, render: (_v, c) => pii(c, c.birthday, formatDate) },
    {
      key: 'preferences',
      title: t('contacts.fields.preferences'),
      ellipsis: true,
      render: (_v, c) => c.preferences ?? EMPTY,
    },
    ...(canEdit
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 90,
            fixed: 'right' as const,
            render: (_v: unknown, c: Contact) => (
              <Space size={0}>
                <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(c)} data-testid="contact-edit" />
                <Popconfirm
                  title={t('contacts.deleteConfirm', { name: c.name })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={async () => {
                    try {
                      await remove.mutateAsync({ id: c.id, version: c.version });
                      void message.success(t('contacts.deleted'));
                    } catch (err) {
                      handleError(err, { onReload: () => void contacts.refetch() });
                    }
                  }}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} data-testid="contact-delete" />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="contacts-tab">
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('contacts.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 280 }}
        />
        <Flex gap={8}>
          <ExportButton entity="contacts" filters={{ accountId: account.id, q: q || undefined }} />
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="contact-add">
              {t('contacts.add')}
            </Button>
          )}
        </Flex>
      </Flex>
      {contacts.isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : (
        <Table<Contact>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1100 }}
          data-testid="contacts-table"
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('common.noMatch') : t('contacts.empty')}>
                {canEdit && !q && (
                  <Button icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                    {t('contacts.add')}
                  </Button>
                )}
              </Empty>
            ),
          }}
        />
      )}
      {contacts.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      {editing !== null && (
        <ContactModal accountId={account.id} contact={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </div>
  );
}

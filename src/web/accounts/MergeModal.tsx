// Merge another account (the source) INTO this one: the source's contacts, needs, team and
// history move here and the source goes to the recycle bin.
import { useState } from 'react';
import { Alert, App, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, Id } from '../api/types';
import { useErrorHandler } from '../api/errors';
import { useAccountMutations } from './api';
import { AccountSelect } from './AccountSelect';

export function MergeModal({ target, onClose }: { target: Account; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const { merge } = useAccountMutations();
  const [source, setSource] = useState<{ id: Id; name: string } | null>(null);

  const confirm = () => {
    if (!source) return;
    modal.confirm({
      title: t('accounts.merge.confirmTitle'),
      content: t('accounts.merge.confirm', { source: source.name, target: target.name }),
      okText: t('accounts.merge.action'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await merge.mutateAsync({ id: target.id, sourceId: source.id });
          void message.success(t('accounts.merge.done', { source: source.name }));
          onClose();
        } catch (err) {
          handleError(err);
        }
      },
    });
  };

  return (
    <Modal
      open
      title={t('accounts.merge.title', { name: target.name })}
      onCancel={onClose}
      onOk={confirm}
      okText={t('common.next')}
      okButtonProps={{ disabled: !source }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('accounts.merge.explain')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Form.Item label={t('accounts.merge.source')} required>
          <AccountSelect
            data-testid="merge-source"
            exclude={[target.id]}
            value={source?.id ?? null}
            onChange={(id, option) => {
              const o = Array.isArray(option) ? option[0] : option;
              setSource(id ? { id, name: String(o?.label ?? id) } : null);
            }}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {t('accounts.merge.into')} <Typography.Text strong>{target.name}</Typography.Text>
        </Typography.Text>
      </Form>
    </Modal>
  );
}

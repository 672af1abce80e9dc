// Create or edit an account in a drawer. On leaving the name field it asks the server for
// possible duplicates and warns (with links) before the user saves a second copy.
import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Account, AccountRef } from '../api/types';
import { clearFieldErrors, useErrorHandler } from '../api/errors';
import { fetchDuplicates, useAccountMutations } from './api';
import type { AccountBody } from './api';
import { AccountFormFields } from './AccountFormFields';
import type { AccountFormValues } from './AccountFormFields';

interface Props {
  open: boolean;
  /** Edit this account; create a new one when absent. */
  account?: Account;
  /** Owner / sponsor fields (admins and directors). */
  showAssignment: boolean;
  onClose: () => void;
  onSaved: (account: Account, created: boolean) => void;
}

const TEXT_FIELDS = ['name', 'shortName', 'creditCode', 'externalCode', 'website', 'address', 'lifecycleReason'] as const;

function initialValues(account?: Account): AccountFormValues {
  if (!account) return { name: '', classifications: [], lifecycleStatus: 'prospect' };
  return {
    name: account.name,
    shortName: account.shortName ?? undefined,
    creditCode: account.creditCode ?? undefined,
    externalCode: account.externalCode ?? undefined,
    industry: account.industry,
    region: account.region,
    employees: account.employees,
    annualRevenue: account.annualRevenue,
    website: account.website ?? undefined,
    address: account.address ?? undefined,
    classifications: account.classifications ?? [],
    segment: account.segment,
    parentId: account.parentId,
    lifecycleStatus: account.lifecycleStatus,
    lifecycleReason: account.lifecycleReason ?? undefined,
    ownerId: account.ownerId,
    sponsorId: account.sponsorId,
  };
}

/** Form values → request body: blanks become null, text is trimmed. */
function toBody(values: AccountFormValues, showAssignment: boolean): AccountBody {
  const body: Record<string, unknown> = { ...values };
  for (const f of TEXT_FIELDS) {
    const v = values[f];
    body[f] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  }
  for (const f of ['industry', 'region', 'employees', 'annualRevenue', 'segment', 'parentId'] as const) {
    const v = values[f];
    body[f] = v === undefined || v === '' ? null : v;
  }
  if (values.lifecycleStatus !== 'lost' && values.lifecycleStatus !== 'dormant') body.lifecycleReason = null;
  if (!showAssignment) {
    delete body.ownerId;
    delete body.sponsorId;
  } else {
    body.ownerId = values.ownerId ?? null;
    body.sponsorId = values.sponsorId ?? null;
  }
  return body as AccountBody;
}

const same = (a: unknown, b: unknown) =>
  JSON.stringify(Array.isArray(a) ? [...a].sort() : a ?? null) === JSON.stringify(Array.isArray(b) ? [...b].sort() : b ?? null);

export function AccountFormDrawer({ open, account, showAssignment, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message, notification } = App.useApp();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<AccountFormValues>();
  const { create, update } = useAccountMutations();
  const [duplicates, setDuplicates] = useState<AccountRef[]>([]);
  const checkedName = useRef<string>('');
  const editing = account !== undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(initialValues(account));
    setDuplicates([]);
    checkedName.current = account?.name ?? '';
  }, [open, account, form]);

  const checkDuplicates = async () => {
    const name = (form.getFieldValue('name') as string | undefined)?.trim() ?? '';
    if (!name || name === checkedName.current) return;
    checkedName.current = name;
    try {
      const res = await fetchDuplicates(name, account?.id);
      setDuplicates((res.items ?? []).filter((d) => d.id !== account?.id));
    } catch {
      setDuplicates([]); // the check is advice only; saving will still be validated
    }
  };

  const submit = async (values: AccountFormValues) => {
    const body = toBody(values, showAssignment);
    try {
      if (editing && account) {
        // Send only what changed, so roles without rights to other fields are not refused.
        const before = toBody(initialValues(account), showAssignment) as Record<string, unknown>;
        const patch: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(body)) if (!same(v, before[k])) patch[k] = v;
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        const saved = await update.mutateAsync({ id: account.id, body: { ...patch, version: account.version } });
        void message.success(t('accounts.saved'));
        onSaved(saved ?? account, false);
      } else {
        // On create, leave out what is empty so the server applies its defaults (e.g. owner = me).
        const fresh = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined));
        const res = await create.mutateAsync(fresh);
        void message.success(t('accounts.created'));
        const dups = res.warnings?.possibleDuplicates ?? [];
        if (dups.length > 0) {
          notification.warning({
            title: t('accounts.duplicates.savedAnyway'),
            description: dups.map((d) => d.name).join('、'),
          });
        }
        onSaved(res.account, true);
      }
    } catch (err) {
      handleError(err, { form });
    }
  };

  const saving = create.isPending || update.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={editing ? t('accounts.editTitle', { name: account.name }) : t('accounts.createTitle')}
      mask={{ closable: !saving }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose} disabled={saving}>
            {t('common.cancel')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="account-form-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      {duplicates.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="duplicate-warning"
          style={{ marginBottom: 16 }}
          title={t('accounts.duplicates.title', { count: duplicates.length })}
          description={
            <>
              <Typography.Text type="secondary">{t('accounts.duplicates.hint')}</Typography.Text>
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {duplicates.map((d) => (
                  <li key={d.id}>
                    <Link to={`/accounts/${d.id}`} target="_blank" data-testid="duplicate-link">
                      {d.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
      <Form<AccountFormValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed) => clearFieldErrors(form, changed)}
        scrollToFirstError
        data-testid="account-form"
        disabled={saving}
      >
        <AccountFormFields form={form} account={account} showAssignment={showAssignment} onNameBlur={() => void checkDuplicates()} />
      </Form>
    </Drawer>
  );
}

// Turning API errors into what the user sees: field errors on the form for VALIDATION, a
// "reload" prompt for STALE_VERSION, a link to the existing record for DUPLICATE, a message
// for everything else.
import { useCallback } from 'react';
import { App } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n, { type TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { isApiError } from './client';
import type { FieldIssue } from './client';
import type { AccountRef } from './types';

export interface HandleErrorOptions {
  /** Put VALIDATION field issues onto this form. */
  form?: FormInstance;
  /** What "reload" does after a STALE_VERSION conflict (default: refetch everything). */
  onReload?: () => void;
}

/** The server's stable code, translated when we know it; otherwise its English sentence. */
function reasonText(t: TFunction, reason: string, code?: string): string {
  if (code && i18n.exists(`validation.reasons.${code}`)) return t(`validation.reasons.${code}`);
  return /^[a-z][a-z0-9_]*$/i.test(reason) ? t(`validation.reasons.${reason}`, { defaultValue: reason }) : reason;
}

function toNamePath(field: string): Array<string | number> {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function asRef(v: unknown): AccountRef | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const id = o.id ?? o.existingId ?? o.accountId;
  if (typeof id !== 'number' && typeof id !== 'string') return null;
  const name = typeof o.name === 'string' ? o.name : String(id);
  return { id: Number(id), name };
}

/** The existing record(s) a DUPLICATE error points at, whatever shape the details take. */
export function duplicateTargets(details: unknown): AccountRef[] {
  if (typeof details !== 'object' || details === null) return [];
  const d = details as Record<string, unknown>;
  for (const key of ['existing', 'account', 'accounts', 'items', 'possibleDuplicates', 'duplicates']) {
    const v = d[key];
    if (Array.isArray(v)) {
      const refs = v.map(asRef).filter((r): r is AccountRef => r !== null);
      if (refs.length) return refs;
    } else {
      const ref = asRef(v);
      if (ref) return [ref];
    }
  }
  const own = asRef(d);
  return own ? [own] : [];
}

/** Form onValuesChange helper: a field the user edits loses the error the server gave it. */
export function clearFieldErrors(form: FormInstance, changed: Record<string, unknown>): void {
  const names = Object.keys(changed);
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0 && names.includes(String(f.name[0])))
    .map((f) => ({ name: f.name, errors: [] as string[] }));
  if (stale.length) form.setFields(stale);
}

export function useErrorHandler() {
  const { message, modal } = App.useApp();
  const { t } = useTranslation();
  const qc = useQueryClient();

  return useCallback(
    (err: unknown, opts: HandleErrorOptions = {}) => {
      if (!isApiError(err)) {
        console.error(err);
        void message.error(t('errors.generic'));
        return;
      }
      const registered = new Set(opts.form?.getFieldsError().map((f) => f.name.join('.')) ?? []);
      switch (err.code) {
        case 'VALIDATION': {
          const issues = err.fieldIssues;
          const onForm: FieldIssue[] = [];
          const elsewhere: FieldIssue[] = [];
          for (const issue of issues) (registered.has(issue.field) ? onForm : elsewhere).push(issue);
          if (opts.form && onForm.length) {
            opts.form.setFields(
              onForm.map((i) => ({ name: toNamePath(i.field), errors: [reasonText(t, i.reason, i.code)] })),
            );
            const first = onForm[0];
            if (first) opts.form.scrollToField(toNamePath(first.field));
          }
          const extra = elsewhere.map((i) => `${i.field}: ${reasonText(t, i.reason, i.code)}`).join('; ');
          void message.error(extra ? `${t('errors.validation')} ${extra}` : t('errors.validation'));
          return;
        }
        case 'STALE_VERSION':
          modal.confirm({
            title: t('errors.staleTitle'),
            content: t('errors.stale'),
            okText: t('errors.reload'),
            cancelText: t('common.cancel'),
            onOk: () => (opts.onReload ? opts.onReload() : void qc.invalidateQueries()),
          });
          return;
        case 'DUPLICATE': {
          // details: {field, existing?: {id, name}} — mark the field, link to the existing record.
          const field = (err.details as { field?: unknown } | undefined)?.field;
          if (opts.form && typeof field === 'string' && registered.has(field)) {
            opts.form.setFields([{ name: toNamePath(field), errors: [err.message || t('errors.duplicateTitle')] }]);
          }
          const targets = duplicateTargets(err.details);
          if (targets.length === 0) {
            void message.error(err.message || t('errors.duplicateTitle'));
            return;
          }
          const instance = modal.warning({
            title: t('errors.duplicateTitle'),
            content: (
              <div data-testid="duplicate-error">
                <p>{t('errors.duplicate')}</p>
                <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                  {targets.map((a) => (
                    <li key={a.id}>
                      <Link to={`/accounts/${a.id}`} onClick={() => instance.destroy()} data-testid="duplicate-existing-link">
                        {a.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            ),
            okText: t('common.close'),
          });
          return;
        }
        case 'FORBIDDEN':
          void message.error(t('errors.forbidden'));
          return;
        case 'NOT_FOUND':
          void message.error(t('errors.notFound'));
          return;
        case 'UNAUTHENTICATED':
          void message.warning(t('errors.sessionExpired'));
          return;
        case 'RATE_LIMITED':
          void message.error(t('errors.rateLimited'));
          return;
        case 'NETWORK':
          void message.error(t('errors.network'));
          return;
        default:
          void message.error(err.message || t('errors.generic'));
      }
    },
    [message, modal, t, qc],
  );
}

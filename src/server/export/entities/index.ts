// The exportable lists. A capability adds its list here (one line) and its routes in export/routes.ts.
import { accountsExport } from './accounts.js';
import { contactsExport } from './contacts.js';
import { ordersExport, paymentsExport } from './orders.js';

export const EXPORT_ENTITIES = {
  accounts: accountsExport,
  contacts: contactsExport,
  orders: ordersExport,
  payments: paymentsExport,
} as const;

export type ExportEntityName = keyof typeof EXPORT_ENTITIES;
export type ExportFiltersOf<N extends ExportEntityName> = Parameters<(typeof EXPORT_ENTITIES)[N]['pages']>[2];

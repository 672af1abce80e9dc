// Contact PII (phone, email, birthday) leaves the server only for those allowed to see it.
import type { ContactRow } from '../db/schema.js';
import { canSeeContactPii, type AccountRelation, type Actor } from '../auth/rules/permissions.js';

export function presentContact(row: ContactRow & { account_name: string }, actor: Actor, rel: AccountRelation) {
  const pii = canSeeContactPii(actor, rel);
  return {
    id: row.id,
    accountId: row.account_id,
    accountName: row.account_name,
    name: row.name,
    department: row.department,
    title: row.title,
    level: row.level,
    phone: pii ? row.phone : null,
    email: pii ? row.email : null,
    birthday: pii ? row.birthday : null,
    preferences: row.preferences,
    piiHidden: !pii,
    version: row.version,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

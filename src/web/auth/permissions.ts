// What the signed-in role may see in the navigation and which global actions it may start.
// The server decides for real; this only hides what would be refused. Per-account rights
// come with each account (account.permissions).
import type { Role } from '../api/types';

const has = (role: Role, roles: readonly Role[]) => roles.includes(role);

export const can = {
  createAccount: (role: Role) => has(role, ['admin', 'director', 'kam']),
  /** Choose owner / sponsor, merge accounts. */
  assignAccounts: (role: Role) => has(role, ['admin', 'director']),
  useRecycleBin: (role: Role) => has(role, ['admin', 'director']),
  readAudit: (role: Role) => has(role, ['admin', 'director']),
  administerUsers: (role: Role) => has(role, ['admin']),
};

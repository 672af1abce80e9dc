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
  /** 数据导入 (the server allows administrators and directors). */
  importData: (role: Role) => has(role, ['admin', 'director']),
  /** 纳入 / 淘汰 key accounts and edit the program (directors and admins). */
  runKeyAccountProgram: (role: Role) => has(role, ['admin', 'director']),
  /** Recompute tiers, take snapshots, override (directors and admins). */
  manageTiers: (role: Role) => has(role, ['admin', 'director']),
};

// Users named in import files (客户经理 by username), looked up once per import.
import type { Role } from '../../db/schema.js';
import type { ImportContext } from '../registry.js';
import { importRepository } from '../repository.js';

type UserLite = { id: number; username: string; role: Role; active: boolean };

export async function userByName(ctx: ImportContext, username: string, roles: readonly Role[]): Promise<{ id: number } | { code: string; reason: string }> {
  let users = ctx.memo.get('users') as Map<string, UserLite> | undefined;
  if (!users) {
    users = new Map((await importRepository.activeUsers(ctx.trx)).map((u) => [u.username.toLowerCase(), u]));
    ctx.memo.set('users', users);
  }
  const u = users.get(username.trim().toLowerCase());
  if (!u || !u.active) return { code: 'not_found', reason: `no active user "${username}"` };
  if (!roles.includes(u.role)) return { code: 'wrong_role', reason: `user ${u.username} has role ${u.role}, which cannot hold this position` };
  return { id: u.id };
}

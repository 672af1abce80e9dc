// The people every database test starts with: one user of each role, in two teams.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../../src/server/db/schema.js';
import { hashPassword } from '../../src/server/auth/secrets.js';

export const TEST_PASSWORD = 'demo-password-123';

export const TEST_USERS: { username: string; role: Role; team: 'east' | 'south' | null; displayName: string }[] = [
  { username: 'admin', role: 'admin', team: null, displayName: '系统管理员' },
  { username: 'director', role: 'director', team: null, displayName: '王总监' },
  { username: 'kam1', role: 'kam', team: 'east', displayName: '李经理' },
  { username: 'kam2', role: 'kam', team: 'south', displayName: '张经理' },
  { username: 'kam3', role: 'kam', team: 'east', displayName: '赵经理' },
  { username: 'sponsor', role: 'sponsor', team: null, displayName: '陈副总' },
  { username: 'sponsor2', role: 'sponsor', team: null, displayName: '周副总' },
  { username: 'service', role: 'service', team: null, displayName: '刘客服' },
  { username: 'analyst', role: 'analyst', team: null, displayName: '孙分析' },
];

export async function insertFixtureUsers(db: Kysely<DB>): Promise<void> {
  const hash = await hashPassword(TEST_PASSWORD);
  const east = await db.insertInto('teams').values({ name: '华东大客户部' }).returning('id').executeTakeFirstOrThrow();
  const south = await db.insertInto('teams').values({ name: '华南大客户部' }).returning('id').executeTakeFirstOrThrow();
  for (const u of TEST_USERS) {
    await db
      .insertInto('users')
      .values({
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        team_id: u.team === 'east' ? east.id : u.team === 'south' ? south.id : null,
        password_hash: hash,
      })
      .execute();
  }
}

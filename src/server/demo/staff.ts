// The demo users and sales teams (SPEC "Demo users": one per role, plus more account
// managers at the larger scales). Existing users and teams are reused, never changed,
// so seeding is safe to repeat and never resets anyone's password.
import type { Kysely } from 'kysely';
import type { DB, Role } from '../db/schema.js';
import { recordAudit, type WriteContext } from '../audit/audit-log.js';
import { usersRepository } from '../users/repository.js';
import type { DemoStaff } from './generate.js';
import { person } from './names.js';
import { createRandom } from './random.js';
import type { BigRegion } from './vocabulary.js';

export type Scale = 'S' | 'M' | 'L';

/** The usernames SPEC promises, in role order. */
export const DEMO_USERNAMES = ['admin', 'director', 'kam1', 'kam2', 'sponsor', 'service', 'analyst'] as const;

interface StaffUser {
  username: string;
  displayName: string;
  role: Role;
  /** Index into the scale's teams. */
  team: number | null;
}

interface StaffTeam {
  name: string;
  regions: readonly BigRegion[];
  manager: string;
}

const BASE_USERS: readonly StaffUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', team: null },
  { username: 'director', displayName: '王建国', role: 'director', team: null },
  { username: 'kam1', displayName: '李明', role: 'kam', team: 0 },
  { username: 'kam2', displayName: '陈静', role: 'kam', team: 1 },
  { username: 'sponsor', displayName: '赵志强', role: 'sponsor', team: null },
  { username: 'service', displayName: '刘芳', role: 'service', team: null },
  { username: 'analyst', displayName: '孙悦', role: 'analyst', team: null },
];

const TWO_TEAMS: readonly StaffTeam[] = [
  { name: '华东大客户部', regions: ['华东', '华北', '东北'], manager: 'kam1' },
  { name: '华南大客户部', regions: ['华南', '华中', '西南', '西北'], manager: 'kam2' },
];

const FOUR_TEAMS: readonly StaffTeam[] = [
  { name: '华东大客户部', regions: ['华东'], manager: 'kam1' },
  { name: '华南大客户部', regions: ['华南'], manager: 'kam2' },
  { name: '华北大客户部', regions: ['华北', '东北'], manager: 'kam3' },
  { name: '中西部大客户部', regions: ['华中', '西南', '西北'], manager: 'kam4' },
];

/** Account managers per scale: S ≈ 1,000 accounts each, M and L ≈ 2,500 and 5,000. */
const KAM_COUNT: Record<Scale, number> = { S: 2, M: 40, L: 200 };

export function staffPlan(scale: Scale): { users: StaffUser[]; teams: readonly StaffTeam[] } {
  const teams = scale === 'S' ? TWO_TEAMS : FOUR_TEAMS;
  const users = [...BASE_USERS];
  const names = createRandom(7);
  for (let i = 3; i <= KAM_COUNT[scale]; i++) {
    users.push({ username: `kam${i}`, displayName: person(names).name, role: 'kam', team: (i - 1) % teams.length });
  }
  return { users, teams };
}

export interface EnsuredStaff {
  staff: DemoStaff;
  created: string[];
  teamsCreated: string[];
}

export async function ensureDemoStaff(
  db: Kysely<DB>,
  ctx: WriteContext,
  scale: Scale,
  passwordHash: string,
  only?: readonly string[],
): Promise<EnsuredStaff> {
  const repo = usersRepository(db);
  const plan = staffPlan(scale);
  const wanted = only ? plan.users.filter((u) => only.includes(u.username)) : plan.users;
  return db.transaction().execute(async (trx) => {
    const teamIds: number[] = [];
    const teamsCreated: string[] = [];
    const teamsUsed = new Set(wanted.map((u) => u.team).filter((t): t is number => t !== null));
    for (const [i, t] of plan.teams.entries()) {
      const existing = await repo.findTeamByName(t.name, trx);
      if (existing || !teamsUsed.has(i)) {
        teamIds.push(existing?.id ?? 0);
        continue;
      }
      const row = await repo.insertTeam(trx, { name: t.name });
      teamIds.push(row.id);
      teamsCreated.push(t.name);
    }
    const created: string[] = [];
    const ids = new Map<string, { id: number; role: Role; active: boolean }>();
    for (const u of wanted) {
      const existing = await repo.findByUsername(u.username, trx);
      if (existing) {
        ids.set(u.username, { id: existing.id, role: existing.role, active: existing.active });
        continue;
      }
      const row = await repo.insert(trx, {
        username: u.username,
        display_name: u.displayName,
        role: u.role,
        team_id: u.team === null ? null : teamIds[u.team] || null,
        email: `${u.username}@kam-demo.example.com`,
        password_hash: passwordHash,
      });
      ids.set(u.username, { id: row.id, role: row.role, active: true });
      created.push(u.username);
    }
    // Managers only for teams that have none yet.
    for (const [i, t] of plan.teams.entries()) {
      const teamId = teamIds[i];
      const manager = ids.get(t.manager);
      if (!teamId || !manager) continue;
      const team = await repo.findTeamById(teamId, trx);
      if (team && team.manager_id === null) await repo.updateTeamVersioned(trx, teamId, team.version, { manager_id: manager.id });
    }
    if (created.length || teamsCreated.length) {
      await recordAudit(trx, ctx, { action: 'seed', entity: 'user', entityId: null, after: { users: created, teams: teamsCreated } });
    }
    const id = (username: string) => ids.get(username)?.id ?? 0;
    const isKam = (username: string) => ids.get(username)?.role === 'kam' && ids.get(username)?.active === true;
    const staff: DemoStaff = {
      adminId: id('admin'),
      sponsorId: id('sponsor'),
      serviceId: id('service'),
      teams: plan.teams.map((t, i) => ({
        regions: t.regions,
        kamIds: plan.users.filter((u) => u.team === i && isKam(u.username)).map((u) => id(u.username)),
      })),
    };
    return { staff, created, teamsCreated };
  });
}

// Shapes user and team rows for the API. E-mail addresses are personal data: only admins see them.
import { canAdministerUsers, type Actor } from '../auth/rules/permissions.js';
import type { TeamListRow, UserPublicRow } from './repository.js';

export function presentUser(row: UserPublicRow, actor: Actor) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    active: row.active,
    email: canAdministerUsers(actor) ? row.email : null,
    version: row.version,
  };
}

export function presentTeam(row: TeamListRow) {
  return {
    id: row.id,
    name: row.name,
    managerId: row.manager_id,
    manager: row.manager_id === null ? null : { id: row.manager_id, displayName: row.manager_name ?? '' },
    memberCount: Number(row.member_count ?? 0),
    version: row.version,
  };
}

export type UserOut = ReturnType<typeof presentUser>;
export type TeamOut = ReturnType<typeof presentTeam>;

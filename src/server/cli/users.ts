// `kam users …`: user administration without the web app (e.g. a lost admin password).
import type { Role } from '../db/schema.js';
import { randomPassword } from '../auth/secrets.js';
import { box } from '../demo/first-start.js';
import { AppError } from '../shared/errors.js';
import { usersService } from '../users/service.js';
import { CLI_CONTEXT, withDatabase } from './common.js';

export interface CreateUserOptions {
  role: Role;
  displayName?: string | undefined;
  team?: string | undefined;
  password?: string | undefined;
  email?: string | undefined;
}

function passwordNotice(username: string, password: string): string {
  return box([`Password for ${username}: ${password}`, '', 'This password is shown only once.']);
}

export async function createUserCommand(username: string, opts: CreateUserOptions): Promise<void> {
  await withDatabase(async ({ db }) => {
    const users = usersService(db);
    let teamId: number | null = null;
    if (opts.team !== undefined) {
      const { items } = await users.listTeams(CLI_CONTEXT.actor);
      const wanted = opts.team.trim().toLowerCase();
      const team = items.find((t) => String(t.id) === wanted || t.name.toLowerCase() === wanted);
      if (!team) {
        const known = items.map((t) => `${t.id} ${t.name}`).join(', ') || 'none yet';
        throw AppError.validation([{ field: 'team', reason: `no team "${opts.team}" (teams: ${known})` }]);
      }
      teamId = team.id;
    }
    const password = opts.password ?? randomPassword();
    const user = await users.create(CLI_CONTEXT, {
      username,
      displayName: opts.displayName ?? username,
      role: opts.role,
      teamId,
      password,
      email: opts.email ?? null,
    });
    console.log(`Created user ${user.username} (id ${user.id}, role ${user.role}${teamId ? `, team ${teamId}` : ''}).`);
    if (opts.password === undefined) console.log(passwordNotice(user.username, password));
  });
}

export async function resetPasswordCommand(username: string, opts: { password?: string | undefined }): Promise<void> {
  await withDatabase(async ({ db }) => {
    const users = usersService(db);
    const user = await users.getByUsername(CLI_CONTEXT.actor, username);
    const password = opts.password ?? randomPassword();
    await users.setPassword(CLI_CONTEXT, user.id, password);
    console.log(`Password of ${user.username} changed; their sessions were ended.${user.active ? '' : ' Note: the user is inactive.'}`);
    if (opts.password === undefined) console.log(passwordNotice(user.username, password));
  });
}

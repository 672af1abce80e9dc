// The whole permission table: every role against every relation an account can have to it.
import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.js';
import {
  accountScope,
  canAdministerUsers,
  canAssignAccount,
  canCreateAccount,
  canDeleteAccount,
  canEditAccount,
  canManageAccountTeam,
  canReadAccount,
  canReadAudit,
  canRestoreFromRecycleBin,
  canSeeContactPii,
  type AccountRelation,
  type Actor,
} from './permissions.js';

const actor = (role: Role): Actor => ({ id: 7, username: role, displayName: role, role, teamId: role === 'kam' ? 1 : null });

// The relations the SQL side (auth/scope.ts) can produce.
const RELATIONS = {
  /** Someone else's account, outside the actor's team. */
  none: { onAccountTeam: false, isOwner: false, ownerInActorsTeam: false, isSponsor: false },
  /** Owned by a colleague in the actor's team. */
  teamOwned: { onAccountTeam: false, isOwner: false, ownerInActorsTeam: true, isSponsor: false },
  /** The actor is a member of the account team (technical, service, …). */
  member: { onAccountTeam: true, isOwner: false, ownerInActorsTeam: false, isSponsor: false },
  /** The actor owns it (and so is in the owner's team). */
  owner: { onAccountTeam: true, isOwner: true, ownerInActorsTeam: true, isSponsor: false },
  /** The actor is its executive sponsor. */
  sponsor: { onAccountTeam: true, isOwner: false, ownerInActorsTeam: false, isSponsor: true },
} satisfies Record<string, AccountRelation>;
type RelationName = keyof typeof RELATIONS;

// role, relation → read, edit, manageTeam, delete, seePii   (1 = allowed)
const TABLE: [Role, RelationName, string][] = [
  ['admin', 'none', '11111'],
  ['admin', 'teamOwned', '11111'],
  ['admin', 'member', '11111'],
  ['admin', 'owner', '11111'],
  ['admin', 'sponsor', '11111'],
  ['director', 'none', '11111'],
  ['director', 'teamOwned', '11111'],
  ['director', 'member', '11111'],
  ['director', 'owner', '11111'],
  ['director', 'sponsor', '11111'],
  ['kam', 'none', '00000'],
  ['kam', 'teamOwned', '11000'], // a team colleague's account: read and edit, not its team, no PII
  ['kam', 'member', '11001'],
  ['kam', 'owner', '11111'],
  ['kam', 'sponsor', '11001'],
  ['sponsor', 'none', '00000'],
  ['sponsor', 'teamOwned', '00000'], // sponsors see sponsored accounts only, never by team
  ['sponsor', 'member', '10001'],
  ['sponsor', 'owner', '10001'], // a sponsor never edits, even if recorded as owner
  ['sponsor', 'sponsor', '10001'],
  ['service', 'none', '10000'],
  ['service', 'teamOwned', '10000'],
  ['service', 'member', '10001'], // a service agent on the account team sees contact PII
  ['service', 'owner', '10001'],
  ['service', 'sponsor', '10001'],
  ['analyst', 'none', '10000'],
  ['analyst', 'teamOwned', '10000'],
  ['analyst', 'member', '10000'],
  ['analyst', 'owner', '10000'],
  ['analyst', 'sponsor', '10000'],
];

describe('account permissions by role and relation', () => {
  it('the table covers every role × relation', () => {
    expect(TABLE).toHaveLength(6 * Object.keys(RELATIONS).length);
  });

  it.each(TABLE)('%s on a %s account → %s', (role, relation, expected) => {
    const a = actor(role);
    const rel = RELATIONS[relation];
    const got = [canReadAccount, canEditAccount, canManageAccountTeam, canDeleteAccount, canSeeContactPii]
      .map((fn) => (fn(a, rel) ? '1' : '0'))
      .join('');
    expect(got).toBe(expected);
  });
});

describe('role-only permissions', () => {
  // role → scope, create, assign, restore, readAudit, administerUsers
  const ROLE_TABLE: [Role, string, string][] = [
    ['admin', 'all', '11111'],
    ['director', 'all', '11110'],
    ['kam', 'team', '10000'],
    ['sponsor', 'sponsored', '00000'],
    ['service', 'all', '00000'],
    ['analyst', 'all', '00000'],
  ];

  it.each(ROLE_TABLE)('%s: scope %s, create/assign/restore/audit/users %s', (role, scope, expected) => {
    const a = actor(role);
    expect(accountScope(role)).toBe(scope);
    const got = [canCreateAccount, canAssignAccount, canRestoreFromRecycleBin, canReadAudit, canAdministerUsers]
      .map((fn) => (fn(a) ? '1' : '0'))
      .join('');
    expect(got).toBe(expected);
  });
});

describe('consistency between the rules', () => {
  const roles: Role[] = ['admin', 'director', 'kam', 'sponsor', 'service', 'analyst'];
  const rels = Object.values(RELATIONS);

  it('whoever may edit, manage the team, delete or see PII may also read', () => {
    for (const role of roles) {
      for (const rel of rels) {
        const a = actor(role);
        if (canEditAccount(a, rel) || canManageAccountTeam(a, rel) || canDeleteAccount(a, rel) || canSeeContactPii(a, rel)) {
          expect(canReadAccount(a, rel), `${role} ${JSON.stringify(rel)}`).toBe(true);
        }
      }
    }
  });

  it('a role that sees all accounts reads every relation; the others read nothing unrelated', () => {
    for (const role of roles) {
      expect(canReadAccount(actor(role), RELATIONS.none)).toBe(accountScope(role) === 'all');
    }
  });
});

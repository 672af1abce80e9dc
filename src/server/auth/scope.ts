// Record-level visibility applied inside SQL (never by filtering results afterwards).
// Mirrors auth/rules/permissions.ts: canReadAccount.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';
import { accountScope, type Actor } from './rules/permissions.js';

type AccountsEB = ExpressionBuilder<DB, 'accounts'>;

function onTeam(eb: AccountsEB, actor: Actor): Expression<SqlBool> {
  return eb.or([
    eb('accounts.owner_id', '=', actor.id),
    eb('accounts.sponsor_id', '=', actor.id),
    eb.exists(
      eb
        .selectFrom('account_team_members as atm')
        .select(sql<number>`1`.as('one'))
        .whereRef('atm.account_id', '=', 'accounts.id')
        .where('atm.user_id', '=', actor.id),
    ),
  ]);
}

function ownerInTeam(eb: AccountsEB, actor: Actor): Expression<SqlBool> {
  if (actor.teamId === null) return sql<SqlBool>`false`;
  return eb('accounts.owner_id', 'in', eb.selectFrom('users as tu').select('tu.id').where('tu.team_id', '=', actor.teamId));
}

/** A where-clause limiting `accounts` to what the actor may read, or null when they see all. */
export function accountVisibility(actor: Actor): ((eb: AccountsEB) => Expression<SqlBool>) | null {
  switch (accountScope(actor.role)) {
    case 'all':
      return null;
    case 'team':
      return (eb) => eb.or([onTeam(eb, actor), ownerInTeam(eb, actor)]);
    case 'sponsored':
      return (eb) => onTeam(eb, actor);
  }
}

/** Selections giving the facts of AccountRelation for each row. */
export function accountRelationColumns(eb: AccountsEB, actor: Actor) {
  return [
    sql<boolean>`${onTeam(eb, actor)}`.as('rel_on_team'),
    sql<boolean>`coalesce(accounts.owner_id = ${actor.id}, false)`.as('rel_is_owner'),
    sql<boolean>`coalesce(accounts.sponsor_id = ${actor.id}, false)`.as('rel_is_sponsor'),
    sql<boolean>`coalesce(${ownerInTeam(eb, actor)}, false)`.as('rel_owner_in_team'),
  ] as const;
}

export interface RelationColumns {
  rel_on_team: SqlBool | null;
  rel_is_owner: SqlBool | null;
  rel_is_sponsor: SqlBool | null;
  rel_owner_in_team: SqlBool | null;
}

export function relationOf(row: RelationColumns) {
  return {
    onAccountTeam: row.rel_on_team === true,
    isOwner: row.rel_is_owner === true,
    isSponsor: row.rel_is_sponsor === true,
    ownerInActorsTeam: row.rel_owner_in_team === true,
  };
}

// Who may do what: pure rules over the actor and facts about a record. The SQL side
// (auth/scope.ts) applies the same visibility inside queries; these rules decide writes
// and field protection once a record's facts are known.
import type { Role } from '../../db/schema.js';

export interface Actor {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  teamId: number | null;
}

/** Record-level visibility of accounts, as in SPEC C10: own / team / sponsored / all. */
export type AccountScope = 'all' | 'team' | 'sponsored';

export function accountScope(role: Role): AccountScope {
  switch (role) {
    case 'admin':
    case 'director':
    case 'service':
    case 'analyst':
      return 'all';
    case 'kam':
      return 'team';
    case 'sponsor':
      return 'sponsored';
  }
}

/** What we know about one account relative to the actor (computed in SQL). */
export interface AccountRelation {
  /** The actor owns it, sponsors it or is on its account team. */
  onAccountTeam: boolean;
  /** The actor is its owner. */
  isOwner: boolean;
  /** The owner is in the actor's team (team scope). */
  ownerInActorsTeam: boolean;
  /** The actor is its executive sponsor. */
  isSponsor: boolean;
}

export function canReadAccount(actor: Actor, rel: AccountRelation): boolean {
  switch (accountScope(actor.role)) {
    case 'all':
      return true;
    case 'team':
      return rel.onAccountTeam || rel.ownerInActorsTeam;
    case 'sponsored':
      return rel.isSponsor || rel.onAccountTeam;
  }
}

export function canCreateAccount(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director' || actor.role === 'kam';
}

/** Profile, needs, contacts and lifecycle: admins and directors, and account managers in scope. */
export function canEditAccount(actor: Actor, rel: AccountRelation): boolean {
  if (actor.role === 'admin' || actor.role === 'director') return true;
  if (actor.role === 'kam') return canReadAccount(actor, rel);
  return false;
}

/**
 * Orders and payments: written like the account's profile (admins, directors, account managers in
 * scope). Everyone who reads the account reads them — service agents and analysts included
 * (amounts are business figures, not personal data) — but only these write.
 */
export function canWriteOrders(actor: Actor, rel: AccountRelation): boolean {
  return canEditAccount(actor, rel);
}

/** Ownership, sponsorship and merges are the director's decisions. */
export function canAssignAccount(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

export function canManageAccountTeam(actor: Actor, rel: AccountRelation): boolean {
  return canAssignAccount(actor) || (actor.role === 'kam' && rel.isOwner);
}

export function canDeleteAccount(actor: Actor, rel: AccountRelation): boolean {
  return canAssignAccount(actor) || (actor.role === 'kam' && rel.isOwner);
}

/** Contact PII (phone, email, birthday): the account team, directors and admins only. */
export function canSeeContactPii(actor: Actor, rel: AccountRelation): boolean {
  if (actor.role === 'admin' || actor.role === 'director') return true;
  // Analysts never see PII; anyone else only as part of the account team (service agents
  // included, when they are on it).
  if (actor.role === 'analyst') return false;
  return rel.onAccountTeam;
}

export function canRestoreFromRecycleBin(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

export function canReadAudit(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

export function canAdministerUsers(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** Importing data (CLI and web) and reading import jobs and saved mappings: administrators and directors. */
export function canImport(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

/**
 * Customer tiering (SPEC C2): recompute, snapshots, overrides, publishing a scoring model, tier
 * entitlements and what-if previews are the decisions of directors and admins.
 */
export function canManageTiers(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

/** Scoring models (drafts) are edited by admins only; publishing is canManageTiers. */
export function canEditTierModels(actor: Actor): boolean {
  return actor.role === 'admin';
}

/** 0–5 ratings of the qualitative criteria: whoever edits the account (its account managers). */
export function canRateAccount(actor: Actor, rel: AccountRelation): boolean {
  return canEditAccount(actor, rel);
}

/**
 * The key-account program (SPEC C3): its criteria and size range, and designating or removing a
 * key account, are a director's decisions (and an admin's). Everyone reads the program; the
 * review (candidates and key accounts that no longer qualify) is for those who decide.
 */
export function canRunKeyAccountProgram(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director';
}

/** Manager capacity: those who assign accounts and analysts see every manager; a manager sees their own. */
export function canSeeAllCapacity(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'director' || actor.role === 'analyst';
}

/** The yearly account plan and whitespace matrix: whoever edits the account, and its executive sponsor. */
export function canEditAccountPlan(actor: Actor, rel: AccountRelation): boolean {
  return canEditAccount(actor, rel) || (actor.role === 'sponsor' && rel.isSponsor);
}

/**
 * Stakeholder assessments (attitude and its kind, influence, relationship level, personal needs
 * and interests — SPEC C4) and the measures built from them: the account team, directors and
 * admins. Service agents and analysts never see them, even on the account team (SPEC: "no
 * stakeholder assessments").
 */
export function canSeeStakeholderAssessments(actor: Actor, rel: AccountRelation): boolean {
  if (actor.role === 'admin' || actor.role === 'director') return true;
  if (actor.role === 'service' || actor.role === 'analyst') return false;
  return rel.onAccountTeam;
}

/** The relationship map (people, links, assessments) is edited by those who edit the account and see the assessments. */
export function canEditStakeholders(actor: Actor, rel: AccountRelation): boolean {
  return canEditAccount(actor, rel) && canSeeStakeholderAssessments(actor, rel);
}

/** Opportunities, their stage moves, information points and competitors: like the account's profile. */
export function canWriteOpportunities(actor: Actor, rel: AccountRelation): boolean {
  return canEditAccount(actor, rel);
}

/** The pipeline's stages, probabilities and exit criteria (SPEC roles: admin). */
export function canManagePipelineStages(actor: Actor): boolean {
  return actor.role === 'admin';
}

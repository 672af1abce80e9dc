// Pure rules for user and team administration: input shape and what an admin may do to
// their own account. The routes validate the same shapes with zod; these rules also guard
// callers that do not come through HTTP (the CLI, the demo seeder).
import type { Role } from '../../db/schema.js';
import { ROLES } from '../../db/schema.js';
import type { FieldIssue } from '../../shared/errors.js';

export const USERNAME_PATTERN = /^[a-zA-Z0-9_.-]{3,50}$/;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
// Deliberately loose: one @, something either side, a dot in the domain.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function usernameIssue(username: string): FieldIssue | null {
  return USERNAME_PATTERN.test(username)
    ? null
    : { field: 'username', reason: 'must be 3–50 characters of letters, digits, _ . -' };
}

export function passwordIssue(password: string, field = 'password'): FieldIssue | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { field, reason: `must be at least ${PASSWORD_MIN_LENGTH} characters` };
  if (password.length > PASSWORD_MAX_LENGTH) return { field, reason: `must be at most ${PASSWORD_MAX_LENGTH} characters` };
  return null;
}

export function emailIssue(email: string | null | undefined): FieldIssue | null {
  if (email === null || email === undefined) return null;
  return EMAIL_PATTERN.test(email) && email.length <= 200 ? null : { field: 'email', reason: 'is not an e-mail address' };
}

export function roleIssue(role: string | undefined): FieldIssue | null {
  if (role === undefined) return null;
  return (ROLES as readonly string[]).includes(role) ? null : { field: 'role', reason: `must be one of ${ROLES.join(', ')}` };
}

export function nameIssue(field: string, value: string | undefined, max: number): FieldIssue | null {
  if (value === undefined) return null;
  const t = value.trim();
  if (t.length === 0) return { field, reason: 'must not be empty' };
  if (t.length > max) return { field, reason: `must be at most ${max} characters` };
  return null;
}

export interface UserChange {
  role?: Role | undefined;
  active?: boolean | undefined;
}

/**
 * An admin may not lock themselves out: no self-deactivation, no self-demotion. This also
 * keeps at least one active admin, since only an active admin can change anyone.
 */
export function selfChangeIssues(actorId: number, targetId: number, change: UserChange): FieldIssue[] {
  if (actorId !== targetId) return [];
  const issues: FieldIssue[] = [];
  if (change.active === false) issues.push({ field: 'active', reason: 'you cannot deactivate your own account' });
  if (change.role !== undefined && change.role !== 'admin') issues.push({ field: 'role', reason: 'you cannot remove your own admin role' });
  return issues;
}

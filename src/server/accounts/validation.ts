// Checks on account input that need no database: the credit code, lifecycle reasons, money.
import type { FieldIssue } from '../shared/errors.js';
import { CREDIT_CODE_MESSAGES, cleanCreditCode, creditCodeProblem } from './rules/credit-code.js';

export interface AccountFields {
  name?: string | undefined;
  shortName?: string | null | undefined;
  creditCode?: string | null | undefined;
  externalCode?: string | null | undefined;
  industry?: string | null | undefined;
  region?: string | null | undefined;
  employees?: number | null | undefined;
  annualRevenue?: string | null | undefined;
  website?: string | null | undefined;
  address?: string | null | undefined;
  classifications?: ('economic' | 'important' | 'group' | 'strategic')[] | undefined;
  segment?: 'industry' | 'region' | 'potential' | null | undefined;
  parentId?: number | null | undefined;
  lifecycleStatus?: 'prospect' | 'active' | 'dormant' | 'lost' | undefined;
  lifecycleReason?: string | null | undefined;
  ownerId?: number | null | undefined;
  sponsorId?: number | null | undefined;
  needsAnalysis?:
    | {
        businessSituation?: string | null | undefined;
        technologyGoals?: string | null | undefined;
        productsInUse?: string | null | undefined;
        decisionProcess?: string | null | undefined;
      }
    | undefined;
}

/** Normalises the credit code in place and reports problems with field names. */
export function checkAccountFields(input: AccountFields): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.creditCode) {
    input.creditCode = cleanCreditCode(input.creditCode);
    const problem = creditCodeProblem(input.creditCode);
    if (problem) issues.push({ field: 'creditCode', reason: `统一社会信用代码 ${CREDIT_CODE_MESSAGES[problem]}`, code: `invalid_${problem}` });
  }
  if (input.name !== undefined && input.name.trim().length === 0) issues.push({ field: 'name', reason: 'must not be empty', code: 'required' });
  return issues;
}

export function lifecycleIssue(status: string, reason: string | null | undefined): FieldIssue | null {
  if (status === 'lost' && !reason?.trim()) return { field: 'lifecycleReason', reason: 'a reason is required when an account is lost', code: 'required' };
  return null;
}

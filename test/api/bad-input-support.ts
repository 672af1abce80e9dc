// Shared checks for the bad-input tests: the error shape, the field at fault, and that a refused
// request wrote nothing (accounts, contacts, audit_log and timeline_events keep their row counts).
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { expect } from 'vitest';
import type { Session, TestApp } from '../support/harness.js';

export interface RowCounts {
  accounts: number;
  contacts: number;
  audit_log: number;
  timeline_events: number;
}

export async function rowCounts(t: TestApp): Promise<RowCounts> {
  const { rows } = await sql<RowCounts>`
    select (select count(*) from accounts)::int as accounts,
           (select count(*) from contacts)::int as contacts,
           (select count(*) from audit_log)::int as audit_log,
           (select count(*) from timeline_events)::int as timeline_events`.execute(t.db);
  return rows[0]!;
}

export interface ErrorBody {
  code: string;
  message: string;
  details?: { fields?: { field: string; reason: string }[]; [k: string]: unknown };
}

export interface Refusal {
  status: number;
  code?: string;
  /** The field that details.fields[0] must name. */
  field?: string;
}

/** A 4xx whose body is exactly {error: {code, message, details?}}. */
export function expectErrorResponse(res: LightMyRequestResponse, want: Refusal): ErrorBody {
  expect(res.statusCode, res.body).toBe(want.status);
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json<{ error: ErrorBody }>();
  expect(Object.keys(body)).toEqual(['error']);
  const keys = Object.keys(body.error);
  expect(keys.slice(0, 2)).toEqual(['code', 'message']);
  expect(keys.filter((k) => !['code', 'message', 'details'].includes(k))).toEqual([]);
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  if (want.code) expect(body.error.code).toBe(want.code);
  if (want.field !== undefined) {
    expect(body.error.details?.fields?.[0]?.field, res.body).toBe(want.field);
    expect(body.error.details?.fields?.[0]?.reason.length).toBeGreaterThan(0);
  }
  return body.error;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends a request that must be refused; checks the answer and that nothing was written. */
export async function expectRefused(t: TestApp, s: Session | null, method: Method, url: string, body: unknown, want: Refusal): Promise<ErrorBody> {
  const before = await rowCounts(t);
  const res = await t.call(s, method, url, body);
  const error = expectErrorResponse(res, want);
  expect(await rowCounts(t)).toEqual(before);
  return error;
}

/** The same for requests built by hand (raw payloads, content types). */
export async function expectRefusedRaw(t: TestApp, s: Session, opts: InjectOptions, want: Refusal): Promise<ErrorBody> {
  const before = await rowCounts(t);
  const res = await t.app.inject({ ...opts, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(opts.headers ?? {}) } });
  const error = expectErrorResponse(res, want);
  expect(await rowCounts(t)).toEqual(before);
  return error;
}

/** Creates an account that must succeed; returns its id and version. */
export async function createAccount(t: TestApp, s: Session, body: Record<string, unknown>): Promise<{ id: number; version: number; body: Record<string, unknown> }> {
  const res = await t.call(s, 'POST', '/api/v1/accounts', body);
  expect(res.statusCode, res.body).toBe(201);
  const account = res.json<{ account: { id: number; version: number } & Record<string, unknown> }>().account;
  return { id: account.id, version: account.version, body: account };
}

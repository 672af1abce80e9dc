// Helpers of the web-import API tests: multipart uploads through HTTP and a job runner on the
// test database.
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { createImportRunner, type ImportRunner, type RunnerOptions } from '../../src/server/import/runner.js';
import type { Session, TestApp } from '../support/harness.js';

/** A multipart/form-data body with one file part named "file". */
export function multipartBody(fileName: string, data: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----kam${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, data, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(t: TestApp, session: Session | null, entity: string, fileName: string, data: Buffer | string): Promise<LightMyRequestResponse> {
  const body = multipartBody(fileName, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
  const headers: Record<string, string> = { 'content-type': body.contentType };
  if (session) {
    headers.cookie = session.cookie;
    headers['x-csrf-token'] = session.csrf;
  }
  return t.app.inject({ method: 'POST', url: `/api/v1/imports?entity=${entity}`, headers, payload: body.payload });
}

export function testRunner(t: TestApp, opts: Partial<RunnerOptions> = {}): ImportRunner {
  return createImportRunner(t.db, t.services.importJobs, { liveProgress: t.database.kind === 'postgres', timeZone: 'Asia/Shanghai', pollMs: 60_000, ...opts });
}

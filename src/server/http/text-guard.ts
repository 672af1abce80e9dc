// PostgreSQL text cannot hold the NUL character (U+0000): a string carrying one would fail in
// the database. Refuse it up front, naming the field, before any validation or write.
import type { FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from '../shared/errors.js';

function findNul(value: unknown, path: string, out: FieldIssue[], depth = 0): void {
  if (out.length >= 20 || depth > 20) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push({ field: path, reason: 'must not contain the NUL character (\\u0000)' });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => findNul(v, path ? `${path}.${i}` : String(i), out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) out.push({ field: path || 'body', reason: 'a key must not contain the NUL character (\\u0000)' });
      findNul(v, path ? `${path}.${k}` : k, out, depth + 1);
    }
  }
}

export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const issues: FieldIssue[] = [];
    findNul(request.body, '', issues);
    const query: FieldIssue[] = [];
    findNul(request.query, '', query);
    issues.push(...query.map((i) => ({ ...i, field: `querystring.${i.field}` })));
    if (issues.length) throw AppError.validation(issues);
  });
}

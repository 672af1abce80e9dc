// The one place where errors become HTTP answers: {"error":{"code","message","details"}}.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../shared/errors.js';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  LOCKED: 423,
  INTERNAL: 500,
};

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

// PostgreSQL errors that bad input can still reach (a race past a service check).
function fromPostgres(err: { code?: string; constraint?: string; detail?: string }): AppError | undefined {
  switch (err.code) {
    case '23505':
      return new AppError('CONFLICT', 'A record with the same unique value already exists', { constraint: err.constraint });
    case '23503':
      return new AppError('UNPROCESSABLE', 'A referenced record does not exist or is still in use', { constraint: err.constraint });
    case '23514':
    case '22001':
    case '22003':
    case '22P02':
    case '22021':
    case '22007':
    case '22008':
      return new AppError('VALIDATION', 'A value is out of range or malformed', { constraint: err.constraint });
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'A concurrent change got in the way; try again');
    default:
      return undefined;
  }
}

/** A stable, translatable code for a zod issue (the message stays as the English reason). */
export function zodReasonCode(keyword: string, params: Record<string, unknown>, message: string): string {
  switch (keyword) {
    case 'invalid_type':
      return /received undefined/.test(message) ? 'required' : 'invalid_type';
    case 'too_big':
      return params.origin === 'string' || params.origin === 'array' ? 'too_long' : 'too_large';
    case 'too_small':
      return params.origin === 'string' || params.origin === 'array' ? 'too_short' : 'too_small';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid';
  }
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.flatMap((v) => {
        const path: string[] = [...(error.validationContext ? [error.validationContext] : []), ...String(v.instancePath ?? '').split('/').filter(Boolean)];
        const name = (p: string[]) => p.join('.').replace(/^body\./, '');
        // A strict object names each unknown key rather than the object holding it.
        const keys = v.keyword === 'unrecognized_keys' ? (v.params as { keys?: unknown }).keys : undefined;
        if (Array.isArray(keys) && keys.length) return keys.map((k) => ({ field: name([...path, String(k)]), reason: 'is not a known field', code: 'unknown_field' }));
        const message = v.message ?? 'invalid';
        return [{ field: name(path), reason: message, code: zodReasonCode(v.keyword, (v.params ?? {}) as Record<string, unknown>, message) }];
      });
      return reply.status(400).send(errorBody('VALIDATION', 'The request has invalid fields', { fields }));
    }
    if (error instanceof AppError) {
      const status = STATUS[error.code];
      if (status >= 500) request.log.error({ err: error }, 'internal error');
      return reply.status(status).send(errorBody(error.code, error.message, error.details));
    }
    const pgMapped = fromPostgres(error as { code?: string });
    if (pgMapped) {
      return reply.status(STATUS[pgMapped.code]).send(errorBody(pgMapped.code, pgMapped.message, pgMapped.details));
    }
    const fe = error as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large'));
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send(errorBody('RATE_LIMITED', 'Too many requests; slow down'));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send(errorBody('BAD_REQUEST', fe.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', 'Something went wrong on our side'));
  });
}

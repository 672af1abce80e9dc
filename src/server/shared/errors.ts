// One error type for the whole server; http/errors.ts maps codes to HTTP statuses.
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'STALE_VERSION'
  | 'DUPLICATE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'LOCKED'
  | 'INTERNAL';

export interface FieldIssue {
  field: string;
  /** A sentence for people reading the API. */
  reason: string;
  /** A stable code clients translate (required, too_long, invalid_check_digit, cycle, …). */
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static validation(issues: FieldIssue[], message = 'The request has invalid fields') {
    return new AppError('VALIDATION', message, { fields: issues });
  }
  static notFound(what: string) {
    return new AppError('NOT_FOUND', `${what} not found`);
  }
  static forbidden(message = 'You do not have permission to do this') {
    return new AppError('FORBIDDEN', message);
  }
  static stale(entity: string, current: number) {
    return new AppError('STALE_VERSION', `The ${entity} was changed by someone else; reload and try again`, {
      currentVersion: current,
    });
  }
}

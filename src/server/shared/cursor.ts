// Opaque keyset cursors: the last row's sort value (as text, full precision) and id.
import { AppError } from './errors.js';

export interface CursorPosition {
  v: string | null;
  id: number;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([pos.v, pos.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && (typeof parsed[0] === 'string' || parsed[0] === null) && Number.isSafeInteger(parsed[1])) {
      return { v: parsed[0] as string | null, id: parsed[1] as number };
    }
  } catch {
    /* fall through */
  }
  throw invalidCursor();
}

function invalidCursor(): AppError {
  return AppError.validation([{ field: 'cursor', reason: 'is not a cursor this server gave out' }]);
}

/**
 * Runs the query of a page after `cursor`. A crafted cursor can decode and still hold values the
 * database refuses (an id beyond int, text where a date or a number is sorted): PostgreSQL's
 * data exceptions (class 22) are then the cursor's fault, reported as such rather than as a
 * nameless error.
 */
export async function queryAfterCursor<T>(cursor: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const code = (e as { code?: unknown } | null)?.code;
    if (cursor && typeof code === 'string' && code.startsWith('22')) throw invalidCursor();
    throw e;
  }
}

/** Escapes LIKE wildcards so user text matches literally. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

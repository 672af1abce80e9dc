// Opaque cursors and literal LIKE patterns.
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, likeContains } from '../../src/server/shared/cursor.js';
import { AppError } from '../../src/server/shared/errors.js';

function cursorError(cursor: string): AppError {
  try {
    decodeCursor(cursor);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`${JSON.stringify(cursor)} was accepted`);
}

describe('encodeCursor / decodeCursor', () => {
  it.each([
    { v: 'Acme', id: 1 },
    { v: null, id: 42 },
    { v: '2026-03-01T08:00:00.123456+00:00', id: 2_147_483_647 },
    { v: '12345678901234567.89', id: 7 }, // money keeps full precision as text
    { v: '华为技术有限公司', id: 3 },
    { v: '', id: 0 },
    { v: 'a"b\\c\n', id: 9 },
  ])('round-trips %j', (pos) => {
    const c = encodeCursor(pos);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/); // URL-safe, no padding
    expect(decodeCursor(c)).toEqual(pos);
  });

  it('is the base64url of [v, id]', () => {
    expect(encodeCursor({ v: 'x', id: 5 })).toBe(Buffer.from('["x",5]').toString('base64url'));
    expect(decodeCursor(Buffer.from('[null,12]').toString('base64url'))).toEqual({ v: null, id: 12 });
  });

  it.each([
    'garbage',
    '',
    '%%%',
    Buffer.from('not json').toString('base64url'),
    Buffer.from('{"v":"x","id":1}').toString('base64url'), // an object, not [v, id]
    Buffer.from('["x"]').toString('base64url'),
    Buffer.from('["x",1,2]').toString('base64url'),
    Buffer.from('[1,1]').toString('base64url'), // v must be text or null
    Buffer.from('["x","1"]').toString('base64url'), // id must be a number
    Buffer.from('["x",1.5]').toString('base64url'),
    Buffer.from('["x",9007199254740993]').toString('base64url'), // not a safe integer
    Buffer.from('null').toString('base64url'),
  ])('refuses %j with a VALIDATION error naming cursor', (bad) => {
    const e = cursorError(bad);
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('VALIDATION');
    expect(e.details).toEqual({ fields: [{ field: 'cursor', reason: 'is not a cursor this server gave out' }] });
  });
});

describe('likeContains', () => {
  it.each([
    ['acme', '%acme%'],
    ['', '%%'],
    ['100%', '%100\\%%'],
    ['a_b', '%a\\_b%'],
    ['c:\\dir', '%c:\\\\dir%'],
    ['%_\\', '%\\%\\_\\\\%'],
    ["'; drop table accounts; --", "%'; drop table accounts; --%"], // quotes are the driver's business (parameters)
    ['华为', '%华为%'],
  ])('%j → %j', (text, pattern) => {
    expect(likeContains(text)).toBe(pattern);
  });
});

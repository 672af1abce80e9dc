import { describe, expect, it } from 'vitest';
import { estimateRows, lineBytes, progressPercent } from './estimate.js';

describe('lineBytes', () => {
  it('counts UTF-8, GBK and UTF-16 bytes of a CSV line with its CRLF', () => {
    // "A001,华为,12.50": 4 + 1 + 6 (two CJK × 3) + 1 + 5 = 17, + CRLF = 19
    expect(lineBytes(['A001', '华为', '12.50'], ',', 'UTF-8')).toBe(19);
    // GBK: CJK are 2 bytes: 4 + 1 + 4 + 1 + 5 = 15, + 2 = 17
    expect(lineBytes(['A001', '华为', '12.50'], ',', 'GBK')).toBe(17);
    // UTF-16: 13 characters × 2 + CRLF 4 = 30
    expect(lineBytes(['A001', '华为', '12.50'], ',', 'UTF-16LE')).toBe(30);
  });
  it('counts the quotes a value with a delimiter or quote needs', () => {
    // "a,b" → "\"a,b\"" (5) + , + x (1) = 7, + 2 = 9
    expect(lineBytes(['a,b', 'x'], ',', 'UTF-8')).toBe(9);
  });
});

describe('estimateRows', () => {
  it('divides the data bytes by the mean sampled row', () => {
    // (10,000 − 100) / mean(90, 110) = 9,900 / 100 = 99
    expect(estimateRows(10_000, 100, [90, 110], false)).toBe(99);
  });
  it('is exact when the preview saw the whole file, and null without rows', () => {
    expect(estimateRows(10_000, 100, [90, 110, 100], true)).toBe(3);
    expect(estimateRows(10_000, 100, [], false)).toBeNull();
  });
});

describe('progressPercent', () => {
  it('is capped at 99 until finished, null without an estimate', () => {
    expect(progressPercent(50, 200, false)).toBe(25);
    expect(progressPercent(250, 200, false)).toBe(99);
    expect(progressPercent(250, 200, true)).toBe(100);
    expect(progressPercent(10, null, false)).toBeNull();
  });
});

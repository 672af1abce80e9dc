// How many data rows a CSV file probably has, from its size and the bytes of the rows a preview
// read: the progress bar of an import job compares rows done with this estimate (capped below
// 100 % until the job says it is finished). XLSX is compressed, so it gets no estimate.

export type TextEncoding = 'UTF-8' | 'GBK' | 'UTF-16LE' | 'UTF-16BE' | string;

/** Bytes a line of text takes in the file's encoding (line break included). */
export function lineBytes(cells: readonly string[], delimiter: string, encoding: TextEncoding, lineBreak = 2): number {
  const text = cells.map((c) => (/[",\r\n]/.test(c) || c.includes(delimiter) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter);
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (encoding.startsWith('UTF-16')) n += cp > 0xffff ? 4 : 2;
    else if (encoding === 'GBK') n += cp < 0x80 ? 1 : cp > 0xffff ? 4 : 2;
    else n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n + (encoding.startsWith('UTF-16') ? lineBreak * 2 : lineBreak);
}

/**
 * Rows in the file ≈ (size − header) ÷ mean bytes of the sampled rows, rounded; exact when the
 * preview read the whole file (fewer sampled rows than asked for), null without a sample.
 */
export function estimateRows(sizeBytes: number, headerBytes: number, sampleBytes: readonly number[], wholeFile: boolean): number | null {
  if (wholeFile) return sampleBytes.length;
  if (sampleBytes.length === 0) return null;
  const mean = sampleBytes.reduce((a, b) => a + b, 0) / sampleBytes.length;
  return Math.max(sampleBytes.length, Math.round((sizeBytes - headerBytes) / mean));
}

/** Percent done for a progress bar: rows done of the estimate, never 100 before the end. */
export function progressPercent(rowsDone: number, estimate: number | null, finished: boolean): number | null {
  if (finished) return 100;
  if (!estimate) return null;
  return Math.min(99, Math.floor((rowsDone / estimate) * 100));
}

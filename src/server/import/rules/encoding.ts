// How a text file is encoded and delimited, decided from its bytes: UTF-8 (with or without BOM),
// UTF-16 (BOM), GBK when the bytes are not valid UTF-8, and the delimiter , ; or tab.

/**
 * Counts valid multi-byte UTF-8 sequences and invalid bytes, chunk by chunk (sequences may span
 * chunks), and per line: lines with non-ASCII text that are valid UTF-8 (`utf8Lines`, at least two
 * multi-byte characters) and lines that are not (`otherLines`). GBK text is rarely valid UTF-8
 * for a whole line, so both kinds of line in one file mean two encodings were pasted together.
 */
export class Utf8Scanner {
  valid = 0;
  invalid = 0;
  nul = 0;
  utf8Lines = 0;
  otherLines = 0;
  private lineValid = 0;
  private lineInvalid = 0;
  /** Byte offset and line (1-based) of the first invalid byte, -1 if none. */
  firstInvalid = -1;
  firstInvalidLine = -1;
  private line = 1;
  private offset = 0;
  private need = 0;
  private lo = 0x80;
  private hi = 0xbf;

  private bad(at: number) {
    this.invalid++;
    this.lineInvalid++;
    if (this.firstInvalid < 0) {
      this.firstInvalid = at;
      this.firstInvalidLine = this.line;
    }
    this.need = 0;
  }

  scan(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (this.need > 0) {
        if (b >= this.lo && b <= this.hi) {
          this.lo = 0x80;
          this.hi = 0xbf;
          if (--this.need === 0) {
            this.valid++;
            this.lineValid++;
          }
          continue;
        }
        this.bad(this.offset + i);
      }
      if (b < 0x80) {
        if (b === 0) this.nul++;
        else if (b === 0x0a) this.endLine();
      } else if (b >= 0xc2 && b <= 0xdf) this.need = 1;
      else if (b >= 0xe0 && b <= 0xef) {
        this.need = 2;
        if (b === 0xe0) this.lo = 0xa0;
        if (b === 0xed) this.hi = 0x9f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        this.need = 3;
        if (b === 0xf0) this.lo = 0x90;
        if (b === 0xf4) this.hi = 0x8f;
      } else this.bad(this.offset + i);
    }
    this.offset += bytes.length;
  }

  private endLine() {
    this.line++;
    if (this.lineInvalid > 0) this.otherLines++;
    else if (this.lineValid >= 2) this.utf8Lines++;
    this.lineValid = 0;
    this.lineInvalid = 0;
  }

  finish(): void {
    if (this.need > 0) this.bad(this.offset);
    this.endLine();
  }
}

export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'gbk';

export type EncodingDecision = { ok: true; encoding: Encoding; bom: number } | { ok: false; code: string; reason: string };

/** The BOM at the start of a file, if any: its encoding and length. */
export function detectBom(head: Uint8Array): { encoding: Encoding; bom: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  return null;
}

/**
 * Decides from a whole-file scan. Valid UTF-8 → UTF-8. Otherwise GBK — unless the file also
 * holds many valid UTF-8 sequences, which means two encodings were pasted together: that is
 * refused rather than turned into mojibake.
 */
export function decideEncoding(head: Uint8Array, scan: Utf8Scanner): EncodingDecision {
  const bom = detectBom(head);
  if (bom && bom.encoding !== 'utf8') return { ok: true, ...bom };
  if (scan.nul > 0) return { ok: false, code: 'not_text', reason: 'the file is not a text (CSV) file: it contains NUL bytes' };
  if (scan.invalid === 0) return { ok: true, encoding: 'utf8', bom: bom?.bom ?? 0 };
  const { utf8Lines, otherLines } = scan;
  if (bom || (utf8Lines >= 2 && utf8Lines * 20 >= utf8Lines + otherLines)) {
    return {
      ok: false,
      code: 'mixed_encoding',
      reason:
        `the file mixes encodings: some lines are UTF-8, but line ${scan.firstInvalidLine} (byte ${scan.firstInvalid}) is not ` +
        '(text pasted from a GBK file?); save the whole file again as UTF-8',
    };
  }
  return { ok: true, encoding: 'gbk', bom: 0 };
}

const CANDIDATES = [',', ';', '\t'] as const;
export type Delimiter = (typeof CANDIDATES)[number];

/** The delimiter of the header line: the candidate seen most often outside quotes (comma on a tie or none). */
export function sniffDelimiter(sample: string): Delimiter {
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const ch of sample) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best: Delimiter = ',';
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return best;
}

// CSV: encoding detected from the bytes (a first pass over the file, constant memory), delimiter
// sniffed from the header line, then streamed through csv-parse with lines and records capped,
// so a 50 MB single line or a binary file is a clear error, never a 50 MB buffer.
import fs from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { decideEncoding, sniffDelimiter, Utf8Scanner, type Encoding } from '../rules/encoding.js';
import { unreadable, type ReadLimits, type RowSource, type SourceRow } from './source.js';

const LABEL: Record<Encoding, string> = { utf8: 'UTF-8', gbk: 'GBK', utf16le: 'UTF-16LE', utf16be: 'UTF-16BE' };

async function scanEncoding(path: string) {
  const scanner = new Utf8Scanner();
  let head: Buffer | null = null;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    head ??= buf.subarray(0, 4);
    scanner.scan(buf);
  }
  scanner.finish();
  if (!head) throw unreadable('the file is empty', 'empty_file');
  return decideEncoding(head, scanner);
}

/** Bytes → text in the detected encoding, refusing any line longer than the limit. */
class Decode extends Transform {
  private decoder: { write(b: Buffer): string; end(): string | undefined };
  private lineLength = 0;
  private line = 1;

  constructor(
    encoding: Encoding,
    private readonly maxLine: number,
  ) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    if (encoding === 'gbk') {
      this.decoder = iconv.getDecoder('gb18030'); // GB18030 ⊇ GBK ⊇ GB2312
    } else {
      const td = new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
      this.decoder = { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
    }
  }

  private check(text: string): Error | null {
    for (let from = 0; ; ) {
      const nl = text.indexOf('\n', from);
      const length = this.lineLength + (nl < 0 ? text.length : nl) - from;
      if (length > this.maxLine) {
        return unreadable(
          `line ${this.line} is longer than ${this.maxLine.toLocaleString('en')} characters: not a CSV file a spreadsheet would write (wrong file, or missing line breaks?)`,
          'line_too_long',
        );
      }
      if (nl < 0) {
        this.lineLength = length;
        return null;
      }
      this.lineLength = 0;
      this.line++;
      from = nl + 1;
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.decoder.write(chunk);
    done(this.check(text), text);
  }

  override _flush(done: TransformCallback): void {
    const text = this.decoder.end() ?? '';
    done(this.check(text), text);
  }
}

async function sample(path: string, start: number, encoding: Encoding): Promise<string> {
  const fd = await fs.promises.open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fd.read(buf, 0, buf.length, start);
    return encoding === 'gbk' ? iconv.decode(buf.subarray(0, bytesRead), 'gb18030') : new TextDecoder(encoding === 'utf8' ? 'utf-8' : encoding).decode(buf.subarray(0, bytesRead));
  } finally {
    await fd.close();
  }
}

function csvProblem(e: CsvError, row: number, maxRecord: number): Error {
  if (e.code === 'CSV_MAX_RECORD_SIZE') {
    return unreadable(`row ${row} is longer than ${maxRecord.toLocaleString('en')} characters (a quote that is never closed?)`, 'record_too_long');
  }
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return unreadable(`row ${row}: a quoted value is never closed (a missing " ?)`, 'quote_not_closed');
  return unreadable(`row ${row}: the file is not valid CSV (${e.message})`, 'invalid_csv');
}

export async function openCsv(path: string, limits: ReadLimits): Promise<RowSource> {
  const decision = await scanEncoding(path);
  if (!decision.ok) throw unreadable(decision.reason, decision.code);
  const { encoding, bom } = decision;
  const delimiter = sniffDelimiter(await sample(path, bom, encoding));

  async function* rows(): AsyncGenerator<SourceRow> {
    const parser = parse({
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: limits.maxRecordChars,
    });
    const input = fs.createReadStream(path, { start: bom, highWaterMark: 256 * 1024 });
    const decode = new Decode(encoding, limits.maxRecordChars);
    const fail = (e: Error) => parser.destroy(e);
    input.on('error', fail).pipe(decode).on('error', fail).pipe(parser);
    let row = 0;
    try {
      for await (const record of parser) {
        row++;
        yield { row, cells: record as string[] };
      }
    } catch (e) {
      if (e instanceof CsvError) throw csvProblem(e, row + 1, limits.maxRecordChars);
      throw e;
    } finally {
      input.destroy();
      decode.destroy();
    }
  }

  return { format: 'csv', encoding: LABEL[encoding], delimiter, date1904: () => false, rows: rows() };
}

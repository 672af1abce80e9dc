// Encoding detection from the bytes and delimiter sniffing.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decideEncoding, sniffDelimiter, Utf8Scanner } from './encoding.js';

function decide(bytes: Uint8Array, chunk = bytes.length) {
  const s = new Utf8Scanner();
  for (let i = 0; i < bytes.length; i += chunk) s.scan(bytes.subarray(i, i + chunk));
  s.finish();
  return decideEncoding(bytes.subarray(0, 4), s);
}

const utf8 = (t: string) => new TextEncoder().encode(t);
const gbk = (t: string) => new Uint8Array(iconv.encode(t, 'gbk'));
const CSV = '客户名称,客户编码,行业\n华为技术有限公司,C001,通信\n阿里巴巴（中国）有限公司,C002,互联网\n';

describe('encoding', () => {
  it('UTF-8 with and without BOM, whatever the chunking', () => {
    expect(decide(utf8(CSV))).toEqual({ ok: true, encoding: 'utf8', bom: 0 });
    expect(decide(utf8(`\uFEFF${CSV}`))).toEqual({ ok: true, encoding: 'utf8', bom: 3 });
    expect(decide(utf8(CSV), 1)).toEqual({ ok: true, encoding: 'utf8', bom: 0 }); // sequences split across chunks
  });

  it('GBK when the bytes are not UTF-8', () => {
    expect(decide(gbk(CSV))).toEqual({ ok: true, encoding: 'gbk', bom: 0 });
    expect(decide(gbk('名称\n张三\n'))).toMatchObject({ encoding: 'gbk' });
  });

  it('UTF-16 by its BOM', () => {
    expect(decide(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toMatchObject({ encoding: 'utf16le', bom: 2 });
  });

  it('refuses mixed encodings and binary files', () => {
    const mixed = new Uint8Array([...utf8('名称,编码\n华为技术,C1\n腾讯科技,C2\n'), ...gbk('阿里巴巴,C3\n')]);
    const r = decide(mixed);
    expect(r).toMatchObject({ ok: false, code: 'mixed_encoding' });
    expect(!r.ok && r.reason).toContain('line 4');
    expect(decide(utf8('\uFEFF名称\n')).ok).toBe(true);
    expect(decide(new Uint8Array([0xef, 0xbb, 0xbf, 0xd6, 0xd0, 0x0a]))).toMatchObject({ ok: false, code: 'mixed_encoding' }); // BOM says UTF-8
    expect(decide(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]))).toMatchObject({ ok: false, code: 'not_text' });
  });

  it('ASCII is UTF-8', () => {
    expect(decide(utf8('a,b\n1,2\n'))).toMatchObject({ encoding: 'utf8' });
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3', ','],
    ['a;b;c\n1;2;3', ';'],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['"x,y";b;c\n', ';'], // commas inside quotes do not count
    ['single\n', ','],
    ['a;b,c;d\n', ';'],
  ])('%j → %j', (sample, d) => expect(sniffDelimiter(sample)).toBe(d));
});

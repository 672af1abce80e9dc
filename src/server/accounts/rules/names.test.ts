// Company-name keys (SPEC C1): the strict key is unique, the loose key finds likely duplicates.
import { describe, expect, it } from 'vitest';
import { looseNameKey, searchText, strictNameKey } from './names.js';

describe('strictNameKey', () => {
  it.each([
    ['华为技术有限公司', '华为技术有限公司'],
    ['华为 技术 有限公司', '华为技术有限公司'],
    [' 华为技术有限公司\t\n', '华为技术有限公司'],
    ['华为技术　有限公司', '华为技术有限公司'], // ideographic space U+3000
    ['ＡＢＣ科技', 'abc科技'], // full-width letters → half-width, lower case
    ['ＡＢＣ　科技１２３', 'abc科技123'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴(中国)有限公司'], // full-width brackets → ASCII
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologiesco.,ltd.'],
    ['HUAWEI technologies', 'huaweitechnologies'],
  ])('%j → %j', (name, key) => {
    expect(strictNameKey(name)).toBe(key);
  });

  it('keeps legal forms apart: 有限公司 and 股份有限公司 are different names', () => {
    expect(strictNameKey('华为技术有限公司')).not.toBe(strictNameKey('华为技术股份有限公司'));
  });

  it('width, case and spacing variants of one name share the key', () => {
    const keys = new Set(['Acme Trading', 'ACME TRADING', 'ａｃｍｅ　ｔｒａｄｉｎｇ', ' acme  trading '].map(strictNameKey));
    expect([...keys]).toEqual(['acmetrading']);
  });
});

describe('looseNameKey', () => {
  it.each([
    ['华为技术有限公司', '华为技术'],
    ['华为技术股份有限公司', '华为技术'],
    ['华为技术有限责任公司', '华为技术'],
    ['华为技术公司', '华为技术'],
    ['华为 技术 有限公司', '华为技术'],
    ['中国移动通信集团有限公司', '中国移动通信'],
    ['中国移动通信集团', '中国移动通信'],
    ['中国移动通信集团公司', '中国移动通信'],
    ['华润（集团）有限公司', '华润'],
    ['华润(集团)', '华润'],
    ['阿里巴巴（中国）有限公司', '阿里巴巴中国'],
    ['Huawei Technologies Co., Ltd.', 'huaweitechnologies'],
    ['Huawei Technologies Co.,Ltd', 'huaweitechnologies'],
    ['Huawei Technologies Co. Ltd.', 'huaweitechnologies'],
    ['HUAWEI TECHNOLOGIES CO LTD', 'huaweitechnologies'],
    ['Huawei Technologies Limited', 'huaweitechnologies'],
    ['Acme Inc.', 'acme'],
    ['Acme, Inc.', 'acme'],
    ['Acme Inc', 'acme'],
    ['Acme Corp', 'acme'],
    ['Acme Corp.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['Acme Company', 'acme'],
    ['Acme LLC', 'acme'],
    ['Acme Group Co., Ltd.', 'acme'],
    ['ＡＣＭＥ　Ｉｎｃ．', 'acme'],
    ['A&B Trading Co.', 'abtrading'],
  ])('%j → %j', (name, key) => {
    expect(looseNameKey(name)).toBe(key);
  });

  it('the Chinese and English legal-form variants of one company meet', () => {
    const zh = new Set(['华为技术有限公司', '华为技术股份有限公司', '华为技术（集团）', '华为技术集团有限公司'].map(looseNameKey));
    expect([...zh]).toEqual(['华为技术']);
    const en = new Set(['Huawei Technologies Co., Ltd.', 'Huawei Technologies Inc.', 'Huawei Technologies Corp', 'huawei technologies'].map(looseNameKey));
    expect([...en]).toEqual(['huaweitechnologies']);
  });

  it.each([
    ['Zinc', 'zinc'],
    ['Zinc Ltd', 'zinc'],
    ['Bancorp', 'bancorp'],
    ['Bancorp Inc.', 'bancorp'],
    ['Disco', 'disco'],
    ['Microgroup', 'microgroup'],
    ['Unlimited', 'unlimited'],
    ['Gallup Co', 'gallup'],
  ])('strips Latin legal forms only as whole words: %j → %j', (name, key) => {
    expect(looseNameKey(name)).toBe(key);
  });

  it('different companies stay apart', () => {
    expect(looseNameKey('华为技术有限公司')).not.toBe(looseNameKey('华为终端有限公司'));
    expect(looseNameKey('Acme Inc.')).not.toBe(looseNameKey('Acme Trading Inc.'));
  });

  it('never strips a name down to nothing', () => {
    // A name that is only a suffix keeps something to compare.
    expect(looseNameKey('Co., Ltd.')).toBe('co');
    expect(looseNameKey('集团')).toBe('集团');
    expect(looseNameKey('...')).toBe('...');
  });
});

describe('searchText', () => {
  it('joins name, short name and codes, folded to half-width lower case', () => {
    expect(searchText({ name: '华为技术有限公司', short_name: '华为', credit_code: '914403001922038216', external_code: 'ＣＵＳＴ-001' })).toBe(
      '华为技术有限公司 华为 914403001922038216 cust-001',
    );
  });

  it('leaves out what is missing', () => {
    expect(searchText({ name: 'Acme Inc.', short_name: null, credit_code: null })).toBe('acme inc.');
  });
});

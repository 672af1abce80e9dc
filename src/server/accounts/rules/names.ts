// Company names are compared after normalisation (SPEC C1):
// - the strict key (unique): full-width → half-width, case and white space ignored;
// - the loose key (duplicate warnings): also without legal-form suffixes and punctuation,
//   so 华为技术有限公司, 华为技术股份有限公司 and "Huawei Technologies Co., Ltd." style
//   variants of the same name meet.

export function strictNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

const SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '(集团)', // 华润（集团）有限公司: full-width brackets are ASCII after NFKC
  '集团',
  '公司',
  'co.,ltd.',
  'co.,ltd',
  'co.ltd.',
  'co.ltd',
  'coltd',
  'company',
  'corporation',
  'corp.',
  'corp',
  'limited',
  'ltd.',
  'ltd',
  'inc.',
  'inc',
  'llc',
  'group',
  'co.',
];

const PUNCTUATION = /[.,，。、·'"“”‘’()（）\-_/&]+/g;

export function looseNameKey(name: string): string {
  let key = strictNameKey(name);
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (key.length > suffix.length && key.endsWith(suffix)) {
        key = key.slice(0, -suffix.length).replace(/[.,，]+$/, '');
        changed = true;
      }
    }
  }
  const stripped = key.replace(PUNCTUATION, '');
  return stripped.length > 0 ? stripped : key;
}

/** The text searched by `q`: names, codes. */
export function searchText(a: { name: string; short_name?: string | null; credit_code?: string | null; external_code?: string | null }): string {
  return [a.name, a.short_name, a.credit_code, a.external_code]
    .filter((s): s is string => !!s)
    .map((s) => s.normalize('NFKC').toLowerCase())
    .join(' ');
}

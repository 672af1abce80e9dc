// Company names are compared after normalisation (SPEC C1):
// - the strict key (unique): full-width → half-width, case and white space ignored;
// - the loose key (duplicate warnings): also without legal-form suffixes and punctuation,
//   so 华为技术有限公司, 华为技术股份有限公司 and "Huawei Technologies Co., Ltd." style
//   variants of the same name meet.

export function strictNameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

// Chinese legal forms end a name without a space; Latin ones are whole words, stripped only after
// a space or punctuation, so "Zinc" keeps its "inc" and "Bancorp" its "corp".
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
  'co',
];

const PUNCTUATION = /[.,，。、·'"“”‘’()（）\-_/&]+/g;
const LATIN = /^[a-z]/;
const WORD_CHAR = /[a-z0-9]/;

function endsWithSuffix(key: string, suffix: string): boolean {
  if (key.length <= suffix.length || !key.endsWith(suffix)) return false;
  return !LATIN.test(suffix) || !WORD_CHAR.test(key[key.length - suffix.length - 1]!);
}

export function looseNameKey(name: string): string {
  // Spaces are kept while suffixes are stripped: they are the word boundaries of Latin names.
  let key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of SUFFIXES) {
      if (endsWithSuffix(key, suffix)) {
        key = key.slice(0, -suffix.length).replace(/[.,，\s]+$/, '');
        changed = true;
      }
    }
  }
  key = key.replace(/\s+/g, '');
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

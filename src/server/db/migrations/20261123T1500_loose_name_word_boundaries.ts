// The loose name key (duplicate warnings, SPEC C1) now strips Latin legal forms only as whole
// words ("Zinc" stays "zinc", it was "z"). Keys already stored are recomputed with the rule as it
// stands at this migration, frozen here so that later changes of the rule bring their own
// migration instead of silently changing this one.
import { sql, type Kysely } from 'kysely';

const SUFFIXES = [
  '股份有限公司', '有限责任公司', '有限公司', '集团公司', '(集团)', '集团', '公司',
  'co.,ltd.', 'co.,ltd', 'co.ltd.', 'co.ltd', 'company', 'corporation', 'corp.', 'corp',
  'limited', 'ltd.', 'ltd', 'inc.', 'inc', 'llc', 'group', 'co.', 'co',
];
const PUNCTUATION = /[.,，。、·'"“”‘’()（）\-_/&]+/g;

function looseNameKey(name: string): string {
  let key = name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  let changed = true;
  while (changed) {
    changed = false;
    for (const suffix of SUFFIXES) {
      const latin = /^[a-z]/.test(suffix);
      if (key.length > suffix.length && key.endsWith(suffix) && (!latin || !/[a-z0-9]/.test(key[key.length - suffix.length - 1]!))) {
        key = key.slice(0, -suffix.length).replace(/[.,，\s]+$/, '');
        changed = true;
      }
    }
  }
  key = key.replace(/\s+/g, '');
  const stripped = key.replace(PUNCTUATION, '');
  return stripped.length > 0 ? stripped : key;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // In pages by id, sending only the keys that change (names with Latin words are few).
  let after = 0;
  for (;;) {
    const page = await sql<{ id: number; name: string; name_loose: string }>`
      select id, name, name_loose from accounts where id > ${after} order by id limit 5000`.execute(db);
    if (page.rows.length === 0) break;
    const changes = page.rows.map((r) => ({ id: r.id, key: looseNameKey(r.name) })).filter((c, i) => c.key !== page.rows[i]!.name_loose);
    if (changes.length > 0) {
      await sql`
        update accounts a set name_loose = c.key
        from jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) as c(id int, key text)
        where a.id = c.id`.execute(db);
    }
    after = page.rows[page.rows.length - 1]!.id;
  }
}

export async function down(): Promise<void> {
  // Nothing to undo: the older keys were a coarser form of the same rule.
}

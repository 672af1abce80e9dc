// The demo customer base as plain rows, generated unit by unit (a standalone account, or a
// group parent followed by its subsidiaries). Pure and deterministic: a seed, a start id and
// a reference time give the same rows on every run. seed.ts writes them.
import type { Classification, ContactLevel, LifecycleStatus, Segment, TeamMemberRole } from '../db/schema.js';
import { looseNameKey, searchText, strictNameKey } from '../accounts/rules/names.js';
import { createRandom, type Random } from './random.js';
import { generateAccountOrders, type OrderLineSeedRow, type OrderSeedRow, type PaymentSeedRow } from './orders.js';
import * as n from './names.js';
import {
  BUSINESS_PHRASES,
  CITIES,
  DECISION_FLOWS,
  GOVERNMENT_PHRASES,
  DEPARTMENTS,
  GOVERNMENT_DECISION,
  GOVERNMENT_TITLES,
  INDUSTRIES,
  LOST_REASONS,
  NEEDS,
  OUR_PRODUCTS,
  PREFERENCES,
  PRODUCT_USAGE,
  TECH_GOALS,
  TITLES,
  type BigRegion,
  type City,
  type Industry,
} from './vocabulary.js';

/** Users the generated accounts are given to. */
export interface DemoStaff {
  adminId: number;
  sponsorId: number;
  serviceId: number;
  /** Sales teams, each covering some regions, with their account managers. */
  teams: { regions: readonly BigRegion[]; kamIds: readonly number[] }[];
}

/** Keys already used (in the database, or earlier in this run). */
export interface TakenKeys {
  nameLoose: Set<string>;
  creditCodes: Set<string>;
  externalCodes: Set<string>;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** Ids are assigned from here, in order, so rows can reference each other before insert. */
  startId: number;
  now: Date;
  staff: DemoStaff;
  taken?: TakenKeys;
  /** Order ids are assigned from here (default 1); orders are generated before `now`'s UTC day. */
  startOrderId?: number;
  /** Leave orders and payments out (default: generate them). */
  withoutOrders?: boolean;
}

export interface AccountSeedRow {
  id: number;
  name: string;
  name_key: string;
  name_loose: string;
  short_name: string | null;
  credit_code: string | null;
  external_code: string;
  industry: Industry;
  region: BigRegion;
  employees: number;
  annual_revenue: string | null;
  website: string | null;
  address: string;
  classifications: Classification[];
  segment: Segment | null;
  parent_id: number | null;
  lifecycle_status: LifecycleStatus;
  lifecycle_reason: string | null;
  owner_id: number | null;
  sponsor_id: number | null;
  business_situation: string | null;
  technology_goals: string | null;
  products_in_use: string | null;
  decision_process: string | null;
  search_text: string;
  created_by: number;
  created_at: Date;
  updated_at: Date;
}

export interface ContactSeedRow {
  account_id: number;
  name: string;
  department: string | null;
  title: string;
  level: ContactLevel;
  phone: string;
  email: string;
  birthday: string | null;
  preferences: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface NeedSeedRow {
  account_id: number;
  title: string;
  description: string;
  kind: 'explicit' | 'implicit';
  status: 'open' | 'met' | 'dropped';
  created_at: Date;
  updated_at: Date;
}

export interface MemberSeedRow {
  account_id: number;
  user_id: number;
  role: TeamMemberRole;
  created_at: Date;
}

export interface TimelineSeedRow {
  account_id: number;
  occurred_at: Date;
  kind: 'account.created';
  summary: string;
  actor_id: number;
  entity: 'account';
  entity_id: string;
}

export interface DemoUnit {
  accounts: AccountSeedRow[];
  contacts: ContactSeedRow[];
  needs: NeedSeedRow[];
  members: MemberSeedRow[];
  timeline: TimelineSeedRow[];
  orders: OrderSeedRow[];
  lines: OrderLineSeedRow[];
  payments: PaymentSeedRow[];
}

const CITY_WEIGHTS = CITIES.map((c) => [c, c.weight] as const);
const INDUSTRY_WEIGHTS = INDUSTRIES.map((i) => [i, i.weight] as const);
const LIFECYCLE: readonly (readonly [LifecycleStatus, number])[] = [['active', 55], ['prospect', 20], ['dormant', 15], ['lost', 10]];
const SEGMENTS: readonly (readonly [Segment | null, number])[] = [['industry', 45], ['region', 30], ['potential', 15], [null, 10]];
const LEVELS: readonly (readonly [ContactLevel, number])[] = [['executive', 20], ['middle', 45], ['operational', 35]];
/** So that ~5% of accounts are group parents with 2–6 (mean 4) subsidiaries: p / (1 + 4p) = 0.05. */
const GROUP_UNIT_SHARE = 0.0625;
const DAY = 86_400_000;
const HISTORY_DAYS = 5 * 365;
const ECONOMIC_REVENUE = 5e9; // 50亿 CNY a year

/** 3.2亿元 or 850万元, as people say it. */
function yuan(amount: number): string {
  return amount >= 1e8 ? `${(amount / 1e8).toFixed(1)}亿元` : `${Math.max(1, Math.round(amount / 1e4))}万元`;
}

function cents(amount: number): string {
  const c = Math.round(amount * 100);
  return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
}

export function* generateDemoUnits(opts: GenerateOptions): Generator<DemoUnit> {
  const rng = createRandom(opts.seed);
  const taken: TakenKeys = opts.taken ?? { nameLoose: new Set(), creditCodes: new Set(), externalCodes: new Set() };
  const now = opts.now.getTime();
  const start = now - HISTORY_DAYS * DAY;
  const regionTeam = new Map<BigRegion, (typeof opts.staff.teams)[number]>();
  for (const t of opts.staff.teams) for (const r of t.regions) regionTeam.set(r, t);
  const allKams = opts.staff.teams.flatMap((t) => t.kamIds);
  let nextId = opts.startId;
  let made = 0;
  let nextOrderId = opts.startOrderId ?? 1;
  const takeOrderId = () => nextOrderId++;
  const refDay = Math.floor(now / DAY);

  /**
   * Tries fresh names first; public bodies then turn into companies of their sector (there are
   * only so many bureaus per city); a company finally gets a branch office or a number.
   */
  function uniqueName(make: () => n.OrgName, city: City, fallback?: () => n.OrgName): n.OrgName {
    const free = (o: n.OrgName) => !taken.nameLoose.has(looseNameKey(o.name));
    let org = make();
    for (let i = 0; i < 8 && !free(org); i++) org = make();
    for (let i = 0; fallback && i < 8 && !free(org); i++) org = fallback();
    if (!free(org) && org.kind === 'company') {
      const base = org.name;
      org = { ...org, name: `${base}${city.name}分公司` };
      for (let k = 2; !free(org); k++) org = { ...org, name: `${base}第${k}分公司` };
    }
    for (let k = 2; !free(org); k++) org = { ...org, name: `${org.name.replace(/（\d+）$/, '')}（${k}）` };
    taken.nameLoose.add(looseNameKey(org.name));
    return org;
  }

  function uniqueCreditCode(kind: n.OrgKind, city: City, id: number): string {
    let code = n.creditCode(kind, city.division, n.scatteredBody(id, opts.seed));
    while (taken.creditCodes.has(code)) code = n.creditCode(kind, city.division, rng.int(0, 99_999_999));
    taken.creditCodes.add(code);
    return code;
  }

  function uniqueExternalCode(id: number): string {
    let code = `KH${String(id).padStart(8, '0')}`;
    for (let k = 1; taken.externalCodes.has(code); k++) code = `KH${String(id).padStart(8, '0')}-${k}`;
    taken.externalCodes.add(code);
    return code;
  }

  function ownerFor(region: BigRegion): number | null {
    const team = regionTeam.get(region);
    const kams = team?.kamIds.length ? team.kamIds : allKams;
    return kams.length ? rng.pick(kams) : null;
  }

  function orgFor(industry: (typeof INDUSTRIES)[number], city: City, b: n.Brand): n.OrgName {
    switch (industry.name) {
      case '政府':
        return rng.chance(0.85) ? n.governmentName(rng, city) : n.stateEnterpriseName(rng, city, b);
      case '医疗':
        return rng.chance(0.3) ? n.hospitalName(rng, city) : n.companyName(rng, city, b, rng.pick(industry.words));
      case '教育':
        return rng.chance(0.3) ? n.schoolName(rng, city, b) : n.companyName(rng, city, b, rng.pick(industry.words));
      default:
        return n.companyName(rng, city, b, rng.pick(industry.words));
    }
  }

  function companyFallback(industry: (typeof INDUSTRIES)[number], city: City, b: n.Brand): n.OrgName {
    return industry.name === '政府' ? n.stateEnterpriseName(rng, city, b) : n.companyName(rng, city, b, rng.pick(industry.words));
  }

  function makeAccount(
    unit: DemoUnit,
    p: { org: n.OrgName; city: City; industry: Industry; parent: AccountSeedRow | null; isParent: boolean; domain: string; scale: number },
  ): AccountSeedRow {
    const id = nextId++;
    const { org, city, parent } = p;
    const createdAt = new Date(Math.min(now - DAY, start + ((made + rng.next()) / opts.count) * HISTORY_DAYS * DAY));
    made++;
    // Many small customers and a few very large ones: log-uniform, skewed towards the small end.
    const employees =
      org.kind === 'government'
        ? rng.int(40, 2_000)
        : Math.max(5, Math.round(Math.exp(Math.log(10) + rng.next() ** 1.7 * Math.log(50_000 / 10)) * p.scale));
    const revenue = org.kind === 'government' ? null : employees * rng.logUniform(2e5, 2e6);
    const classifications = new Set<Classification>();
    if (revenue !== null && revenue >= ECONOMIC_REVENUE) classifications.add('economic');
    if (org.kind !== 'company' || (p.industry === '传媒' && rng.chance(0.4))) classifications.add('important');
    if (p.isParent || parent) classifications.add('group');
    if (rng.chance(['软件', '电信', '能源'].includes(p.industry) ? 0.12 : 0.05)) classifications.add('strategic');
    const status: LifecycleStatus = parent && parent.lifecycle_status === 'active' && rng.chance(0.7) ? 'active' : rng.weighted(LIFECYCLE);
    const ownerId = parent?.owner_id && rng.chance(0.7) ? parent.owner_id : status === 'prospect' && rng.chance(0.15) ? null : ownerFor(city.region);
    const keyCandidate = status === 'active' && (classifications.has('economic') || classifications.has('strategic'));
    const sponsored = keyCandidate && rng.chance(p.isParent ? 0.5 : 0.08) && opts.staff.sponsorId > 0;
    const withAnalysis = classifications.size > 0 || rng.chance(0.2);
    const creditCode = rng.chance(status === 'prospect' ? 0.75 : 0.95) ? uniqueCreditCode(org.kind, city, id) : null;
    const externalCode = uniqueExternalCode(id);
    const row: AccountSeedRow = {
      id,
      name: org.name,
      name_key: strictNameKey(org.name),
      name_loose: looseNameKey(org.name),
      short_name: org.shortName,
      credit_code: creditCode,
      external_code: externalCode,
      industry: p.industry,
      region: city.region,
      employees,
      annual_revenue: revenue === null ? null : cents(revenue),
      website: org.kind === 'company' && rng.chance(0.7) ? `https://www.${p.domain}` : null,
      address: n.address(rng, city),
      classifications: [...classifications],
      segment: rng.weighted(SEGMENTS),
      parent_id: parent?.id ?? null,
      lifecycle_status: status,
      lifecycle_reason: status === 'lost' ? rng.pick(LOST_REASONS) : null,
      owner_id: ownerId,
      sponsor_id: sponsored ? opts.staff.sponsorId : null,
      business_situation: withAnalysis
        ? org.kind === 'government'
          ? `政府机关，编制约${employees}人。${rng.pick(GOVERNMENT_PHRASES)}。`
          : `${p.industry}行业，员工约${employees}人，年营业收入约${yuan(revenue!)}。${rng.pick(BUSINESS_PHRASES)}。`
        : null,
      technology_goals: withAnalysis ? `${rng.sample(TECH_GOALS, rng.int(1, 2)).join('；')}。` : null,
      products_in_use: withAnalysis && status !== 'prospect' ? `使用我司${rng.pick(OUR_PRODUCTS)}，${rng.pick(PRODUCT_USAGE)}。` : null,
      decision_process: withAnalysis ? (org.kind === 'government' ? GOVERNMENT_DECISION : rng.pick(DECISION_FLOWS)) + '。' : null,
      search_text: searchText({ name: org.name, short_name: org.shortName, credit_code: creditCode, external_code: externalCode }),
      created_by: ownerId ?? opts.staff.adminId,
      created_at: createdAt,
      updated_at: new Date(createdAt.getTime() + rng.next() * (now - createdAt.getTime()) * 0.5),
    };
    unit.accounts.push(row);
    unit.timeline.push({
      account_id: id,
      occurred_at: createdAt,
      kind: 'account.created',
      summary: row.name,
      actor_id: row.created_by,
      entity: 'account',
      entity_id: String(id),
    });
    addContacts(unit, row, org.kind === 'government', p.domain, p.isParent ? rng.int(3, 5) : rng.int(2, 5));
    addNeeds(unit, row);
    addMembers(unit, row);
    // Orders come from a stream of their own per account: the accounts stay what they were.
    if (!opts.withoutOrders) generateAccountOrders(rng.fork(id), row, refDay, takeOrderId, unit);
    return row;
  }

  function addContacts(unit: DemoUnit, a: AccountSeedRow, government: boolean, domain: string, k: number) {
    const titles = government ? GOVERNMENT_TITLES : TITLES;
    for (let i = 0; i < k; i++) {
      // The first contact is the top decision maker.
      const level = i === 0 ? 'executive' : rng.weighted(LEVELS);
      const [title, dept] = rng.pick(titles[level]);
      const department = dept || rng.pick(DEPARTMENTS);
      const who = n.person(rng);
      const at = new Date(a.created_at.getTime() + rng.next() * 30 * DAY);
      unit.contacts.push({
        account_id: a.id,
        name: who.name,
        department,
        title: level === 'middle' && !government ? `${department}${title}` : title,
        level,
        phone: n.mobile(rng),
        email: `${who.mailbox}@${domain}`,
        birthday: rng.chance(0.7) ? n.birthday(rng) : null,
        preferences: rng.chance(0.35) ? rng.pick(PREFERENCES) : null,
        created_at: at,
        updated_at: at,
      });
    }
  }

  function addNeeds(unit: DemoUnit, a: AccountSeedRow) {
    const k = rng.weighted([[0, 30], [1, 35], [2, 25], [3, 10]] as const);
    for (const [title, description] of rng.sample(NEEDS, k)) {
      const kind = rng.chance(0.6) ? 'explicit' : 'implicit';
      const status = kind === 'explicit'
        ? rng.weighted([['open', 50], ['met', 40], ['dropped', 10]] as const)
        : rng.weighted([['open', 85], ['dropped', 15]] as const);
      const at = new Date(a.created_at.getTime() + rng.next() * 90 * DAY);
      unit.needs.push({ account_id: a.id, title, description, kind, status, created_at: at, updated_at: at });
    }
  }

  function addMembers(unit: DemoUnit, a: AccountSeedRow) {
    if (a.owner_id === null) return;
    if (a.lifecycle_status === 'active' && rng.chance(0.3) && opts.staff.serviceId > 0) {
      unit.members.push({ account_id: a.id, user_id: opts.staff.serviceId, role: 'service', created_at: a.created_at });
    }
    const team = regionTeam.get(a.region);
    const peers = (team?.kamIds ?? []).filter((k) => k !== a.owner_id);
    if (peers.length && rng.chance(0.1)) {
      unit.members.push({ account_id: a.id, user_id: rng.pick(peers), role: rng.pick(['sales', 'technical'] as const), created_at: a.created_at });
    }
  }

  while (made < opts.count) {
    const unit: DemoUnit = { accounts: [], contacts: [], needs: [], members: [], timeline: [], orders: [], lines: [], payments: [] };
    const left = opts.count - made;
    const city = rng.weighted(CITY_WEIGHTS);
    if (left >= 3 && rng.chance(GROUP_UNIT_SHARE)) {
      const industry = rng.weighted(INDUSTRY_WEIGHTS.filter(([i]) => i.name !== '政府'));
      let parentBrand = n.brand(rng);
      const parentOrg = uniqueName(
        () => n.groupParentName(rng, city, (parentBrand = n.brand(rng))),
        city,
        () => n.groupParentName(rng, city, (parentBrand = n.brand(rng)), true),
      );
      const domain = `${parentBrand.pinyin}${nextId}.example.com`;
      const parent = makeAccount(unit, { org: parentOrg, city, industry: industry.name, parent: null, isParent: true, domain, scale: rng.int(3, 8) });
      const subs = Math.min(rng.int(2, 6), left - 1);
      for (let i = 0; i < subs; i++) {
        const subCity = rng.chance(0.4) ? city : rng.weighted(CITY_WEIGHTS);
        const subIndustry = rng.chance(0.7) ? industry : rng.weighted(INDUSTRY_WEIGHTS.filter(([x]) => x.name !== '政府'));
        const org = uniqueName(() => n.subsidiaryName(rng, subCity, parentBrand, rng.pick(subIndustry.words)), subCity);
        makeAccount(unit, { org, city: subCity, industry: subIndustry.name, parent, isParent: false, domain, scale: 1 });
      }
    } else {
      const industry = rng.weighted(INDUSTRY_WEIGHTS);
      let b = n.brand(rng);
      const org = uniqueName(
        () => orgFor(industry, city, (b = n.brand(rng))),
        city,
        () => companyFallback(industry, city, (b = n.brand(rng))),
      );
      const domain = `${org.kind === 'company' ? b.pinyin : org.kind === 'government' ? 'gov' : 'org'}${nextId}.example.com`;
      makeAccount(unit, { org, city, industry: industry.name, parent: null, isParent: false, domain, scale: 1 });
    }
    yield unit;
  }
}

/** The default seed: fixed, so every fresh install shows the same customers. */
export const DEMO_SEED = 20_261_123;

export function demoRandom(salt: number): Random {
  return createRandom(DEMO_SEED + salt);
}

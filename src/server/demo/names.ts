// Builders of plausible names, codes and people for demo data. Pure: everything comes from
// the Random handed in, so a seed always gives the same output.
import { creditCodeCheckChar } from '../accounts/rules/credit-code.js';
import type { Random } from './random.js';
import {
  BRAND_SYLLABLES,
  COMPANY_SUFFIXES,
  GIVEN_CHARS,
  GOVERNMENT_BODIES,
  GROUP_WORDS,
  HOSPITAL_FORMS,
  MOBILE_PREFIXES,
  SCHOOL_FORMS,
  STREETS,
  SURNAMES,
  type City,
} from './vocabulary.js';

export interface Brand {
  /** 字号, e.g. 华信. */
  name: string;
  /** For e-mail and web domains, e.g. huaxin. */
  pinyin: string;
}

export function brand(rng: Random): Brand {
  const [a, b] = rng.sample(BRAND_SYLLABLES, 2) as [readonly [string, string], readonly [string, string]];
  return { name: a[0] + b[0], pinyin: a[1] + b[1] };
}

/** 北京 → 北京市; cities that are also provinces already carry 市 in their province. */
export function cityFull(city: City): string {
  return `${city.name}市`;
}

export type OrgKind = 'company' | 'government' | 'public';

export interface OrgName {
  name: string;
  shortName: string | null;
  kind: OrgKind;
}

// How a business word is shortened in a 简称 (华信 + 人工智能 → 华信智能, not 华信人工).
const ABBREVIATIONS: Record<string, string> = {
  人工智能: '智能', 光通信: '光通信', 云计算: '云计算', 国际货运代理: '货代', 冷链物流: '冷链', 融资租赁: '租赁', 融资担保: '担保',
  商业保理: '保理', 供应链管理: '供应链', 信息通信: '信通', 通信设备: '通信', 通信工程: '通信', 通信技术: '通信', 网络科技: '网络',
  网络技术: '网络', 数据科技: '数据', 数字科技: '数字', 智能科技: '智能', 智能装备: '智能', 信息技术: '信息', 仪器仪表: '仪表',
  精密机械: '精密', 机械制造: '机械', 装备制造: '装备', 汽车零部件: '汽配', 电子商务: '电商', 连锁超市: '超市', 商业管理: '商管',
  仓储服务: '仓储', 储能科技: '储能', 医疗器械: '医疗', 生物医药: '生物', 医疗科技: '医疗', 健康产业: '健康', 建设工程: '建设',
  建筑工程: '建工', 市政工程: '市政', 工程咨询: '咨询', 装饰工程: '装饰', 教育科技: '教育', 教育咨询: '教育', 文化教育: '文教',
  职业培训: '培训', 文化传播: '文化', 影视文化: '影视', 资产管理: '资管', 金融服务: '金服', 国际物流: '物流',
};

export function abbreviate(word: string): string {
  return ABBREVIATIONS[word] ?? word.slice(0, 2);
}

export function companyName(rng: Random, city: City, b: Brand, word: string): OrgName {
  const suffix = rng.weighted(COMPANY_SUFFIXES);
  const form = rng.int(0, 99);
  const name = form < 45 ? `${city.name}${b.name}${word}${suffix}` : form < 80 ? `${b.name}${word}${suffix}` : `${b.name}（${city.name}）${word}${suffix}`;
  return { name, shortName: `${b.name}${abbreviate(word)}`, kind: 'company' };
}

/** `wide` always adds the city and a business word: the fallback once short group names run out. */
export function groupParentName(rng: Random, city: City, b: Brand, wide = false): OrgName {
  if (wide) return { name: `${city.name}${b.name}${rng.pick(GROUP_WORDS)}集团有限公司`, shortName: `${b.name}集团`, kind: 'company' };
  const form = rng.int(0, 99);
  const name = form < 50 ? `${b.name}集团有限公司` : form < 80 ? `${city.name}${b.name}集团有限公司` : `${b.name}${rng.pick(GROUP_WORDS)}集团有限公司`;
  return { name, shortName: `${b.name}集团`, kind: 'company' };
}

export function subsidiaryName(rng: Random, city: City, parent: Brand, word: string): OrgName {
  const name = rng.chance(0.5) ? `${parent.name}（${city.name}）${word}有限公司` : `${city.name}${parent.name}${word}有限公司`;
  return { name, shortName: `${parent.name}${city.name}`, kind: 'company' };
}

const districtsWithQu = (city: City) => city.districts.filter((d) => d.endsWith('区'));

export function governmentName(rng: Random, city: City): OrgName {
  const body = rng.pick(GOVERNMENT_BODIES);
  const districts = districtsWithQu(city);
  const name = districts.length && rng.chance(0.6) ? `${cityFull(city)}${rng.pick(districts)}${body}` : `${cityFull(city)}${body}`;
  return { name, shortName: null, kind: 'government' };
}

/** State-owned enterprises of a city: what government accounts become once bureau names run out. */
export function stateEnterpriseName(rng: Random, city: City, b: Brand): OrgName {
  const trade = rng.pick(['城市建设投资', '国有资产经营', '公共交通', '水务', '城市发展', '数字城市运营']);
  return { name: `${city.name}${b.name}${trade}有限公司`, shortName: `${city.name}${b.name}`, kind: 'company' };
}

export function hospitalName(rng: Random, city: City): OrgName {
  const districts = districtsWithQu(city);
  const name = rng.chance(0.5) || !districts.length
    ? `${cityFull(city)}第${rng.int(1, 12)}人民医院`
    : `${cityFull(city)}${rng.pick(districts)}${rng.pick(HOSPITAL_FORMS)}`;
  return { name, shortName: null, kind: 'public' };
}

export function schoolName(rng: Random, city: City, b: Brand): OrgName {
  return { name: `${city.name}${b.name}${rng.pick(SCHOOL_FORMS)}`, shortName: null, kind: 'public' };
}

// ---- 统一社会信用代码 ----

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of an 8-digit organisation code body (GB 11714). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body8[i]) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A valid credit code: registration authority and type (91 enterprise, 11 government body,
 * 12 public institution), the division code, the organisation code with its own check
 * character, then the overall check character.
 */
export function creditCode(kind: OrgKind, division: string, body: number): string {
  const prefix = kind === 'government' ? '11' : kind === 'public' ? '12' : '91';
  const body8 = String(body % 100_000_000).padStart(8, '0');
  const first17 = `${prefix}${division}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17)!;
}

/** A permutation of 0..99,999,999 so sequential ids give distinct, scattered code bodies. */
export function scatteredBody(n: number, salt: number): number {
  return Number((BigInt(n) * 48_271n + BigInt(salt)) % 100_000_000n);
}

// ---- people ----

export interface Person {
  name: string;
  /** given.surname in pinyin, for e-mail addresses. */
  mailbox: string;
}

export function person(rng: Random): Person {
  // Common surnames come first in the list; skew towards them.
  const [surname, surnamePinyin] = SURNAMES[Math.floor(SURNAMES.length * rng.next() ** 1.6)]!;
  const given = rng.chance(0.35) ? [rng.pick(GIVEN_CHARS)] : [rng.pick(GIVEN_CHARS), rng.pick(GIVEN_CHARS)];
  return { name: surname + given.map((g) => g[0]).join(''), mailbox: `${given.map((g) => g[1]).join('')}.${surnamePinyin}` };
}

export function mobile(rng: Random): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

export function birthday(rng: Random): string {
  const y = rng.int(1962, 1996);
  const m = rng.int(1, 12);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(rng.int(1, days)).padStart(2, '0')}`;
}

export function address(rng: Random, city: City): string {
  const head = city.province === cityFull(city) ? city.province : `${city.province}${cityFull(city)}`;
  return `${head}${rng.pick(city.districts)}${rng.pick(STREETS)}${rng.int(1, 999)}号`;
}

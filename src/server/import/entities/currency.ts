// The currency column of orders and payments: ISO 4217 codes, with the usual Chinese names.
import type { FieldDef } from '../rules/fields.js';
import type { FieldProblem } from '../registry.js';

const NAMES: Record<string, string> = { 人民币: 'CNY', rmb: 'CNY', '¥': 'CNY', 元: 'CNY', 美元: 'USD', $: 'USD', 欧元: 'EUR', 港币: 'HKD', 港元: 'HKD', 日元: 'JPY', 英镑: 'GBP' };

export const CURRENCY_FIELD: FieldDef = { name: 'currency', aliases: ['币种', '货币', 'currency code'], type: 'text', maxLength: 10 };

/** The ISO code of the cell (CNY for 人民币, RMB, ¥), or null; a problem when it is not a currency. */
export function currencyProblem(value: unknown, problems: FieldProblem[]): string | null {
  if (value == null) return null;
  const text = (value as string).normalize('NFKC').trim();
  const code = NAMES[text.toLowerCase()] ?? text.toUpperCase();
  if (/^[A-Z]{3}$/.test(code)) return code;
  problems.push({ field: 'currency', code: 'invalid_currency', reason: `"${text}" is not a currency code (CNY, USD, …)` });
  return null;
}

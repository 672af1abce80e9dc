// Zod pieces shared by the routes of several capabilities (only zod: the response-schema modules
// use them too, and the web's compile-time contract reads those).
import { z } from 'zod';

const MAX_ID = 2_147_483_647; // ids are PostgreSQL int: a larger one is bad input, not a database error
/** A record id in a JSON body. */
export const idRef = z.number().int().positive().max(MAX_ID);
/** A record id in a path or query string. */
// Digits only: coercion would also take "1e3", "0x10" or " 7" as ids.
export const idQuery = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, 'must be a positive whole number')
  .transform(Number)
  .pipe(z.number().max(MAX_ID, `must be at most ${MAX_ID}`));
export const idParam = z.object({ id: idQuery });
export const versionQuery = z.object({ version: z.coerce.number().int().min(1) });
export const versionField = z.number().int().min(1);
export const listLimit = z.coerce.number().int().min(1).max(500).default(50);
export const cursorParam = z.string().max(500).optional();

/** Optional text: trimmed, empty string → null. */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => (s.trim() === '' ? null : s.trim()))
    .nullable()
    .optional();

/** Money as an exact decimal string (or number) with at most 2 decimals. */
export const decimalMoney = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim().replace(/,/g, ''))
  .refine((s) => /^\d{1,18}(\.\d{1,2})?$/.test(s), { message: 'must be a non-negative amount with at most 2 decimals and 18 digits' })
  .nullable()
  .optional();

export const userRef = z.object({ id: z.number(), displayName: z.string() }).nullable();
export const errorResponse = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

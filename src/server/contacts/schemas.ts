// The answers of the contacts API as zod schemas: the routes declare them (OpenAPI, the
// serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod here.
import { z } from 'zod';

export const CONTACT_LEVELS = ['executive', 'middle', 'operational'] as const;

export const contactOut = z.object({
  id: z.number(),
  accountId: z.number(),
  accountName: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  level: z.enum(CONTACT_LEVELS).nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  preferences: z.string().nullable(),
  piiHidden: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

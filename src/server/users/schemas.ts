// The answers of the users and teams API as zod schemas: the routes declare them (OpenAPI, the
// serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod and the role names here.
import { z } from 'zod';
import { userRef } from '../http/schemas.js';
import { ROLES, type Role } from '../db/schema.js';


export const userOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  teamId: z.number().nullable(),
  active: z.boolean(),
  email: z.string().nullable(),
  version: z.number(),
});

export const userPageOut = z.object({ items: z.array(userOut), nextCursor: z.string().nullable() });

export const teamOut = z.object({
  id: z.number(),
  name: z.string(),
  managerId: z.number().nullable(),
  manager: userRef,
  memberCount: z.number(),
  version: z.number(),
});

export const teamListOut = z.object({ items: z.array(teamOut) });

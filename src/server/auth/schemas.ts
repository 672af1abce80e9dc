// The answers of the session and API-token routes as zod schemas: the routes declare them
// (OpenAPI, the serialiser) and the web app's types are held to them at compile time
// (src/web/api/server-contract.ts). Only zod and the role names here.
import { z } from 'zod';
import { ROLES, type Role } from '../db/schema.js';

export const sessionUserOut = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  teamId: z.number().nullable(),
});

/** csrfToken is null for a caller that came with an API token (no cookie, no CSRF). */
export const sessionOut = z.object({ user: sessionUserOut, csrfToken: z.string().nullable() });

export const tokenOut = z.object({
  id: z.number(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const tokenListOut = z.object({ items: z.array(tokenOut) });

/** The token itself is shown once, here. */
export const tokenCreatedOut = z.object({ token: z.string(), item: tokenOut });

// The answers of the reminders API as zod schemas: the routes declare them and the web app's
// types are held to them at compile time (src/web/api/server-contract.ts). Only zod here.
import { z } from 'zod';

export const reminderOut = z.object({
  id: z.number(),
  kind: z.string(),
  accountId: z.number().nullable(),
  accountName: z.string().nullable(),
  subject: z.string(),
  /** The figures and names of the sentence: coverage (0–1), person, days, staleAfterDays. */
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  dueOn: z.string().nullable(),
  read: z.boolean(),
  readAt: z.string().nullable(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  resolved: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});

export const reminderCountsOut = z.object({ unread: z.number(), open: z.number() });

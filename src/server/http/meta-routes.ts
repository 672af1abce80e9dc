// Reference values the clients need: enums, configured currency and time zone.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { ROLES } from '../db/schema.js';
import { CLASSIFICATIONS, LIFECYCLE_STATUSES, SEGMENTS, TEAM_MEMBER_ROLES } from '../accounts/schemas.js';
import { CONTACT_LEVELS } from '../contacts/schemas.js';
import { actorOf } from './caller.js';

export async function metaRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/meta',
    {
      schema: {
        tags: ['meta'],
        summary: 'Enumerations and settings for clients',
        response: {
          200: z.object({
            roles: z.array(z.string()),
            lifecycleStatuses: z.array(z.string()),
            classifications: z.array(z.string()),
            segments: z.array(z.string()),
            contactLevels: z.array(z.string()),
            teamMemberRoles: z.array(z.string()),
            industries: z.array(z.string()),
            regions: z.array(z.string()),
            currency: z.string(),
            timezone: z.string(),
          }),
        },
      },
    },
    async (request) => {
      actorOf(request);
      const { industries, regions } = await services.accounts.facets();
      return {
        roles: [...ROLES],
        lifecycleStatuses: [...LIFECYCLE_STATUSES],
        classifications: [...CLASSIFICATIONS],
        segments: [...SEGMENTS],
        contactLevels: [...CONTACT_LEVELS],
        teamMemberRoles: [...TEAM_MEMBER_ROLES],
        industries,
        regions,
        currency: services.options.currency,
        timezone: services.options.timezone,
      };
    },
  );
}

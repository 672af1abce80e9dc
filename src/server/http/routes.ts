// Registers each capability's routes. A new capability adds one line here.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config/index.js';
import type { Services } from '../services.js';
import { authRoutes } from '../auth/routes.js';
import { accountRoutes } from '../accounts/routes.js';
import { accountStructureRoutes } from '../accounts/structure-routes.js';
import { needsRoutes } from '../accounts/needs-routes.js';
import { contactRoutes } from '../contacts/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { userRoutes } from '../users/routes.js';
import { metaRoutes } from './meta-routes.js';
import { exportRoutes } from '../export/routes.js';
import { orderRoutes } from '../orders/routes.js';
import { tieringRoutes } from '../tiering/routes.js';
import { importJobRoutes } from '../import/jobs-routes.js';
import { keyAccountRoutes } from '../key-accounts/routes.js';
import { relationshipRoutes } from '../relationships/routes.js';
import { pipelineRoutes } from '../pipeline/routes.js';
import { reminderRoutes } from '../reminders/routes.js';

export async function registerRoutes(
  app: FastifyInstance,
  services: Services,
  config: Pick<Config, 'secureCookies' | 'sessionTtlMs'>,
): Promise<void> {
  await authRoutes(app, { services, secureCookies: config.secureCookies, sessionTtlMs: config.sessionTtlMs });
  await metaRoutes(app, services);
  await accountRoutes(app, services);
  await accountStructureRoutes(app, services);
  await needsRoutes(app, services);
  await contactRoutes(app, services);
  await auditRoutes(app, services);
  await userRoutes(app, services);
  await exportRoutes(app, services);
  await orderRoutes(app, services);
  await tieringRoutes(app, services);
  await importJobRoutes(app, services);
  await keyAccountRoutes(app, services);
  await relationshipRoutes(app, services);
  await pipelineRoutes(app, services);
  await reminderRoutes(app, services);
}

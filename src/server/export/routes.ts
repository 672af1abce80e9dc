// HTTP for exports: GET …/export?format=csv|xlsx&<the list's filters> streams the file.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { writeContext } from '../http/caller.js';
import { accountListFilters } from '../accounts/routes.js';
import { contactListFilters } from '../contacts/routes.js';
import { orderListFilters, paymentListFilters } from '../orders/routes.js';
import type { ExportEntityName, ExportFiltersOf } from './entities/index.js';
import { OutputClosedError } from './writers.js';

const exportOptions = {
  format: z.enum(['csv', 'xlsx']).default('csv'),
  lang: z.enum(['zh', 'en']).default('zh').describe('language of the header row and the file name'),
};
const fileResponse = { 200: z.string().describe('The file (CSV with a UTF-8 BOM, or XLSX), streamed') };

async function stream<N extends ExportEntityName>(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  entity: N,
  query: { format: 'csv' | 'xlsx'; lang: 'zh' | 'en' } & ExportFiltersOf<N>,
) {
  const { format, lang, ...filters } = query;
  const opened = await services.exports.open(writeContext(request), { entity, format, lang, filters: filters as ExportFiltersOf<N> });
  const out = new PassThrough();
  opened.writeTo(out).catch((err: unknown) => {
    // Headers are gone: a failure mid-file can only cut the download short.
    if (!(err instanceof OutputClosedError)) request.log.error({ err }, 'export failed while streaming');
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply
    .header('content-type', opened.contentType)
    .header('content-disposition', opened.contentDisposition)
    .header('cache-control', 'no-store')
    .send(out);
}

export async function exportRoutes(app: FastifyInstance, services: Services) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/accounts/export',
    {
      // A HEAD would run the whole export (and audit it) to throw the body away.
      exposeHeadRoute: false,
      schema: {
        tags: ['accounts', 'export'],
        summary: 'The account list with the same filters and sort, as CSV or XLSX (streamed)',
        querystring: accountListFilters.extend(exportOptions),
        response: fileResponse,
      },
    },
    async (request, reply) => stream(services, request, reply, 'accounts', request.query),
  );

  r.get(
    '/api/v1/contacts/export',
    {
      // A HEAD would run the whole export (and audit it) to throw the body away.
      exposeHeadRoute: false,
      schema: {
        tags: ['contacts', 'export'],
        summary: 'The contact list with the same filters, as CSV or XLSX (phone, email and birthday empty where you may not see them)',
        querystring: contactListFilters.extend(exportOptions),
        response: fileResponse,
      },
    },
    async (request, reply) => stream(services, request, reply, 'contacts', request.query),
  );

  r.get(
    '/api/v1/orders/export',
    {
      // A HEAD would run the whole export (and audit it) to throw the body away.
      exposeHeadRoute: false,
      schema: {
        tags: ['orders', 'export'],
        summary: 'The order list with the same filters and sort, as CSV or XLSX (streamed)',
        querystring: orderListFilters.extend(exportOptions),
        response: fileResponse,
      },
    },
    async (request, reply) => stream(services, request, reply, 'orders', request.query),
  );

  r.get(
    '/api/v1/payments/export',
    {
      // A HEAD would run the whole export (and audit it) to throw the body away.
      exposeHeadRoute: false,
      schema: {
        tags: ['payments', 'export'],
        summary: 'The payment list with the same filters, as CSV or XLSX (streamed)',
        querystring: paymentListFilters.extend(exportOptions),
        response: fileResponse,
      },
    },
    async (request, reply) => stream(services, request, reply, 'payments', request.query),
  );
}

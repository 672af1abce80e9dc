// /api/v1/imports (upload → preview → run → poll → report) and /api/v1/import-mappings.
// The upload is multipart/form-data with one file part, streamed to the upload folder.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../services.js';
import { actorOf, writeContext } from '../http/caller.js';
import { contentDisposition } from '../export/rules/disposition.js';
import { cursorParam, idParam, versionField, versionQuery } from '../http/schemas.js';
import { AppError } from '../shared/errors.js';
import { importEntities } from './registry.js';
import { jobOut, jobPageOut, mappingOut } from './schemas.js';

const entityNames = importEntities().map((e) => e.name) as [string, ...string[]];
const entityParam = z.enum(entityNames);
const columnsIn = z.record(z.string().min(1).max(200), z.string().max(100).nullable()).refine((o) => Object.keys(o).length <= 500, 'must have at most 500 columns');
const mappingName = z.string().trim().min(1).max(100);

/** The one file part of a multipart upload, as a stream; 413 past the size limit. */
async function filePart(request: FastifyRequest, maxBytes: number) {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes + 1024 * 1024) throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, { code: 'upload_too_large' });
  if (!request.isMultipart()) throw AppError.validation([{ field: 'file', reason: 'send the file as multipart/form-data in a part named "file"', code: 'required' }]);
  const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 } });
  if (!part) throw AppError.validation([{ field: 'file', reason: 'the request has no file part', code: 'required' }]);
  return part;
}

const tooLarge = (e: unknown, maxBytes: number) =>
  (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, { code: 'upload_too_large' }) : e;

export async function importJobRoutes(app: FastifyInstance, services: Services) {
  const maxBytes = services.importJobs.config.maxUploadBytes;
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1 } });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['import'];

    r.post(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Upload a CSV or XLSX file (multipart/form-data, part "file") to import into `entity`; answers the job with a preview',
          querystring: z.object({ entity: entityParam }),
          response: { 201: jobOut },
        },
      },
      async (request, reply) => {
        const part = await filePart(request, maxBytes);
        try {
          const job = await services.importJobs.upload(writeContext(request), { entity: request.query.entity, fileName: part.filename, stream: part.file });
          return reply.status(201).send(job);
        } catch (e) {
          throw tooLarge(e, maxBytes);
        }
      },
    );

    r.get(
      '/api/v1/imports',
      {
        schema: {
          tags,
          summary: 'Import jobs, newest first: your own (an administrator sees everyone\'s)',
          querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), cursor: cursorParam }),
          response: { 200: jobPageOut },
        },
      },
      async (request) => ({ ...(await services.importJobs.list(actorOf(request), request.query)), maxUploadBytes: maxBytes }),
    );

    r.get('/api/v1/imports/:id', { schema: { tags, summary: 'An import job: status, progress, preview, report', params: idParam, response: { 200: jobOut } } }, async (request) =>
      services.importJobs.get(actorOf(request), request.params.id),
    );

    r.post(
      '/api/v1/imports/:id/run',
      {
        schema: {
          tags,
          summary: 'Queue the import with a mapping (column → field, null ignores) and options; dryRun checks without writing',
          params: idParam,
          body: z
            .object({
              mapping: columnsIn.default({}),
              dryRun: z.boolean().default(false),
              skipInvalid: z.boolean().default(false),
              createMissing: z.boolean().default(false),
              mappingName: z.string().max(100).nullable().optional(),
            })
            .strict(),
          response: { 202: jobOut },
        },
      },
      async (request, reply) => reply.status(202).send(await services.importJobs.run(writeContext(request), request.params.id, request.body)),
    );

    r.post('/api/v1/imports/:id/cancel', { schema: { tags, summary: 'Call off a queued import job', params: idParam, response: { 200: jobOut } } }, async (request) =>
      services.importJobs.cancel(writeContext(request), request.params.id),
    );

    r.get(
      '/api/v1/imports/:id/report',
      {
        exposeHeadRoute: false,
        schema: {
          tags,
          summary: 'The validation report (row, column, reason) as a CSV file, formulas neutralised',
          params: idParam,
          querystring: z.object({ format: z.enum(['csv']).default('csv'), lang: z.enum(['zh', 'en']).default('zh') }),
          response: { 200: z.string().describe('CSV with a UTF-8 BOM') },
        },
      },
      async (request, reply) => {
        const f = await services.importJobs.reportFile(actorOf(request), request.params.id, request.query.lang);
        return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', contentDisposition(f.filename, f.asciiName)).header('cache-control', 'no-store').send(f.body);
      },
    );

    r.delete('/api/v1/imports/:id', { schema: { tags, summary: 'Delete an import job and its file (not while it runs)', params: idParam } }, async (request, reply) => {
      await services.importJobs.delete(writeContext(request), request.params.id);
      return reply.status(204).send();
    });

    r.get(
      '/api/v1/import-mappings',
      {
        schema: {
          tags,
          summary: 'Saved import mappings (of one entity when given)',
          querystring: z.object({ entity: entityParam.optional() }),
          response: { 200: z.object({ items: z.array(mappingOut), nextCursor: z.null() }) },
        },
      },
      async (request) => services.importMappings.list(actorOf(request), request.query.entity),
    );

    r.get('/api/v1/import-mappings/:id', { schema: { tags, summary: 'A saved import mapping', params: idParam, response: { 200: mappingOut } } }, async (request) =>
      services.importMappings.get(actorOf(request), request.params.id),
    );

    r.post(
      '/api/v1/import-mappings',
      {
        schema: {
          tags,
          summary: 'Save a named mapping (column header → field name, null to ignore)',
          body: z.object({ entity: entityParam, name: mappingName, columns: columnsIn }).strict(),
          response: { 201: mappingOut },
        },
      },
      async (request, reply) => reply.status(201).send(await services.importMappings.create(writeContext(request), request.body)),
    );

    r.patch(
      '/api/v1/import-mappings/:id',
      {
        schema: {
          tags,
          summary: 'Rename a saved mapping or replace its columns',
          params: idParam,
          body: z.object({ version: versionField, name: mappingName.optional(), columns: columnsIn.optional() }).strict(),
          response: { 200: mappingOut },
        },
      },
      async (request) => services.importMappings.update(writeContext(request), request.params.id, request.body),
    );

    r.delete('/api/v1/import-mappings/:id', { schema: { tags, summary: 'Delete a saved mapping', params: idParam, querystring: versionQuery } }, async (request, reply) => {
      await services.importMappings.delete(writeContext(request), request.params.id, request.query.version);
      return reply.status(204).send();
    });
  });
}

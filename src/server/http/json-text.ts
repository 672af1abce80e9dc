// Answers that PostgreSQL already wrote as JSON text (big documents such as the relationship map):
// Fastify sends a string with a JSON content type as it is, skipping the response schema's
// serialiser — the route still declares the schema for OpenAPI, and its tests check the shape.
import type { FastifyReply } from 'fastify';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  // As bytes, encoded once: compression and the content length then read the buffer instead of
  // scanning the string twice more.
  return reply.type('application/json; charset=utf-8').send(Buffer.from(json));
}

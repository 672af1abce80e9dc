// Answers that PostgreSQL already wrote as JSON text (big documents such as the relationship map):
// Fastify sends a string with a JSON content type as it is, skipping the response schema's
// serialiser — the route still declares the schema for OpenAPI, and its tests check the shape.
import type { FastifyReply } from 'fastify';

export function sendJsonText(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

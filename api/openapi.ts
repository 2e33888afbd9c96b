import { z } from 'zod';
import { customerEventInputSchema, customerProfileSchema, stageChangeSchema } from './schemas.js';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });
const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
const customerId = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const errors = { 400: problem, 401: problem, 503: problem };

/** The OpenAPI 3 document, generated from the same zod schemas the routes parse with. */
export function openApiDocument() {
  return {
    openapi: '3.0.3',
    info: { title: 'Tideway API', version: '1' },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
    security: [{ apiKey: [] }],
    paths: {
      '/v1/events': {
        post: { summary: 'Send one customer event; the same eventId is acted on once', requestBody: body(customerEventInputSchema), responses: { 202: { description: 'Accepted or duplicate' }, ...errors } },
      },
      '/v1/customers/{id}': {
        put: { summary: 'Create or update a profile', parameters: [customerId], requestBody: body(customerProfileSchema), responses: { 200: { description: 'Updated' }, 201: { description: 'Created' }, ...errors } },
        get: { summary: 'Profile, stage, stage history and runs', parameters: [customerId], responses: { 200: { description: 'The customer' }, 404: problem, ...errors } },
      },
      '/v1/customers/{id}/stage': {
        post: { summary: 'Set a stage by hand', parameters: [customerId], requestBody: body(stageChangeSchema), responses: { 200: { description: 'Stage set' }, 404: problem, ...errors } },
      },
      '/v1/reports/journeys/{id}': {
        get: { summary: 'Runs entered, in progress, completed, goal reached, per step', parameters: [{ ...customerId, name: 'id' }], responses: { 200: { description: 'The report' }, 404: problem, ...errors } },
      },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'Alive' } } } },
      '/readyz': { get: { summary: 'Readiness: store and Temporal reachable', security: [], responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } } } },
    },
  };
}

/** The pieces every operation of the OpenAPI document is made of. */
import { z } from 'zod';
import { JSON_BODY_LIMITS } from './json-body.js';

export const json = (schema: z.ZodType, io: 'input' | 'output' = 'input') => z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'openapi-3.0' });
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
export const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
export const answer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: json(schema, 'output') } } });
export const page = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });

export const pathParam = (name: string, schema: z.ZodType) => ({ name, in: 'path', required: true, schema: json(schema) });
export const queryParams = (schema: z.ZodObject) => Object.entries(json(schema).properties ?? {}).map(([name, param]) => ({ name, in: 'query', required: false, schema: param }));

/** Every route with credentials: wrong ones are 401; a store or Temporal that does not answer is 503 (send it again). */
export const errors = {
  400: problem('Invalid request: `errors[]` names each bad field by its path'),
  401: problem('No API key or session, or a wrong or expired one'),
  503: problem('The store or Temporal is unreachable; nothing was lost, send the same request again (Retry-After)'),
};
/** And every route that takes a body. */
export const bodyErrors = {
  ...errors,
  413: problem(`The body is over ${JSON_BODY_LIMITS.bytes} bytes (1 MB)`),
  415: problem('A charset other than UTF-8 (or UTF-16, UTF-32), or a Content-Encoding other than gzip, deflate or br'),
};

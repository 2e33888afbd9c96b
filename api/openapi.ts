import { z } from 'zod';
import { approvalDecisionSchema } from './routes/approvals.js';
import { enrollmentSchema } from './routes/journeys.js';
import { taskAssignmentSchema, taskCompletionSchema } from './routes/tasks.js';
import {
  consentChangeSchema,
  customerEventInputSchema,
  customerMergeSchema,
  customerProfileSchema,
  EVENT_BATCH_LIMIT,
  eventBatchResponseSchema,
  eventBatchSchema,
  intakeResultSchema,
  stageChangeSchema,
  stageRulesPublishSchema,
  stageRulesRollbackSchema,
} from './schemas.js';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'openapi-3.0' });
const problem = { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
const answer = (description: string, schema: z.ZodType) => ({ description, content: { 'application/json': { schema: json(schema) } } });
/** The batch route parses its envelope, then each event on its own: documented as the events it takes. */
const eventBatchBody = eventBatchSchema.extend({ events: z.array(customerEventInputSchema).min(1).max(EVENT_BATCH_LIMIT) });
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
        post: {
          summary: 'Send one customer event, by customerId or identity (exactly one); the same eventId is acted on once',
          requestBody: body(customerEventInputSchema),
          responses: { 202: answer('Accepted (stored, and handed to the customer\'s lifecycle) or duplicate (applied before), with the customerId it went to', intakeResultSchema), ...errors },
        },
      },
      '/v1/events:batch': {
        post: {
          summary: `Send 1 to ${EVENT_BATCH_LIMIT} events, each validated on its own; a result per event, in request order`,
          requestBody: body(eventBatchBody),
          responses: {
            202: answer('One result per event: accepted or duplicate with its eventId and customerId, or rejected naming each bad field', eventBatchResponseSchema),
            413: problem,
            ...errors,
          },
        },
      },
      '/v1/customers/{id}': {
        put: {
          summary: 'Create or update a profile; identities are added',
          parameters: [customerId],
          requestBody: body(customerProfileSchema),
          responses: { 200: { description: 'Updated' }, 201: { description: 'Created' }, 409: problem, ...errors },
        },
        get: { summary: 'Profile, identities, stage, stage history and runs', parameters: [customerId], responses: { 200: { description: 'The customer' }, 404: problem, ...errors } },
      },
      '/v1/customers/{id}/consent': {
        put: {
          summary: "Set the customer's consent to marketing on one channel (email or sms), with its source; a change is appended to the history",
          parameters: [customerId],
          requestBody: body(consentChangeSchema),
          responses: { 200: { description: 'The customer, with consent and consent history' }, 404: problem, 409: problem, ...errors },
        },
      },
      '/v1/customers/{id}/merge': {
        post: {
          summary: 'Fold otherId into this customer: identities, events and later events move here',
          parameters: [customerId],
          requestBody: body(customerMergeSchema),
          responses: { 200: { description: 'The survivor' }, 404: problem, 409: problem, ...errors },
        },
      },
      '/v1/customers/{id}/stage': {
        post: { summary: 'Set a stage by hand', parameters: [customerId], requestBody: body(stageChangeSchema), responses: { 202: { description: 'Handed to the customer\'s lifecycle, which applies it in order with their events' }, 404: problem, ...errors } },
      },
      '/v1/journeys': { get: { summary: 'The journey catalogue with versions', responses: { 200: { description: 'Journeys' }, 401: problem } } },
      '/v1/journeys/{id}': {
        get: { summary: 'A journey: definition, version, Mermaid diagram', parameters: [{ ...customerId, name: 'id' }], responses: { 200: { description: 'The journey' }, 404: problem, 401: problem } },
      },
      '/v1/journeys/{id}/enrollments': {
        post: { summary: 'Start a run by hand', parameters: [{ ...customerId, name: 'id' }], requestBody: body(enrollmentSchema), responses: { 201: { description: 'Started' }, 404: problem, 409: problem, ...errors } },
      },
      '/v1/journeys/{id}/runs/{customerId}': {
        get: { summary: 'Where a run is and what it waits for', parameters: [{ ...customerId, name: 'id' }, { ...customerId, name: 'customerId' }], responses: { 200: { description: 'Run state' }, 404: problem, ...errors } },
      },
      '/v1/tasks': { get: { summary: 'Tasks, by status, queue, requested queue, assignee or customer', responses: { 200: { description: 'Tasks' }, ...errors } } },
      '/v1/tasks/{id}/assign': {
        post: { summary: 'Give an open task to a person (null: back to its queue)', parameters: [{ ...customerId, name: 'id' }], requestBody: body(taskAssignmentSchema), responses: { 200: { description: 'Assigned' }, 404: problem, 409: problem, ...errors } },
      },
      '/v1/tasks/{id}/complete': {
        post: { summary: 'Complete a task; the waiting run goes on', parameters: [{ ...customerId, name: 'id' }], requestBody: body(taskCompletionSchema), responses: { 200: { description: 'Completed' }, 404: problem, 409: problem, ...errors } },
      },
      '/v1/stage-rules': {
        get: { summary: 'Stage rule versions, newest first, and the one in force', responses: { 200: { description: 'Versions' }, ...errors } },
        post: { summary: 'Publish a version of the stage rules, in force from now on', requestBody: body(stageRulesPublishSchema), responses: { 201: { description: 'Published' }, 409: problem, ...errors } },
      },
      '/v1/stage-rules/rollback': {
        post: {
          summary: 'Roll back the version in force; a workflow re-evaluates the customers it moved',
          requestBody: body(stageRulesRollbackSchema),
          responses: { 202: { description: 'Rolled back; re-evaluation started' }, 404: problem, 409: problem, ...errors },
        },
      },
      '/v1/approvals': { get: { summary: 'Pending approvals', responses: { 200: { description: 'Approvals' }, ...errors } } },
      '/v1/approvals/{id}': {
        post: { summary: 'Approve or reject', parameters: [{ ...customerId, name: 'id' }], requestBody: body(approvalDecisionSchema), responses: { 200: { description: 'Decided' }, 404: problem, 409: problem, ...errors } },
      },
      '/v1/reports/journeys/{id}': {
        get: { summary: 'Runs entered, in progress, completed, goal reached, per step', parameters: [{ ...customerId, name: 'id' }], responses: { 200: { description: 'The report' }, 404: problem, ...errors } },
      },
      '/v1/reports/cold-pool': { get: { summary: 'Customers in the cold pool, since when and why', responses: { 200: { description: 'The cold pool' }, ...errors } } },
      '/u/{token}': {
        get: { summary: 'Unsubscribe link of a marketing email: a page with a button; changes nothing', security: [], parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'HTML page' }, 400: { description: 'Malformed link (HTML page)' }, 403: { description: 'Tampered link (HTML page)' }, 404: { description: 'Unknown customer (HTML page)' } } },
        post: { summary: 'Opt the customer out of the channel (the page\'s button, or one-click unsubscribe, RFC 8058)', security: [], parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'HTML page: unsubscribed' }, 400: { description: 'Malformed link' }, 403: { description: 'Tampered link' }, 404: { description: 'Unknown customer' } } },
      },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: { description: 'Alive' } } } },
      '/readyz': { get: { summary: 'Readiness: store and Temporal reachable', security: [], responses: { 200: { description: 'Ready' }, 503: { description: 'Not ready' } } } },
    },
  };
}

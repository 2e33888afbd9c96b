import { z } from 'zod';
import { customerIdSchema } from '../domain/events.js';
import { FREE_FORM_LIMITS } from './free-form.js';
import { JSON_BODY_LIMITS } from './json-body.js';
import { readSecurity, securitySchemes, withAccess } from './openapi-access.js';
import { answer, body, bodyErrors, errors, page, pathParam, problem, queryParams } from './openapi-parts.js';
import { customerListPaths } from './openapi-customers.js';
import { metricsPaths } from './openapi-metrics.js';
import { peoplePaths } from './openapi-people.js';
import { reportPaths } from './openapi-reports.js';
import { taskReopenPaths } from './openapi-tasks.js';
import { trackingPaths } from './openapi-tracking.js';
import { webhookPaths } from './openapi-webhooks.js';
import * as answers from './responses.js';
import { approvalDecisionSchema, approvalQuerySchema } from './routes/approvals.js';
import { previewListSchema, previewQuerySchema } from './routes/journey-previews.js';
import { enrollmentSchema, runEndSchema } from './routes/journeys.js';
import { parkedEventsQuerySchema } from './routes/parked-events.js';
import { taskAssignmentSchema, taskCompletionSchema, taskQuerySchema } from './routes/tasks.js';
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

/** A token that is not one is a page; a URL that is not percent-encoded right never reaches the page. */
const malformedLink = { description: 'Malformed link', content: { ...page('').content, ...problem('').content } };
/** The batch route parses its envelope, then each event on its own: documented as the events it takes. */
const eventBatchBody = eventBatchSchema.extend({ events: z.array(customerEventInputSchema).min(1).max(EVENT_BATCH_LIMIT) });

const customerId = pathParam('id', customerIdSchema);
/** A task's or approval's id is its key, percent-encoded. */
const keyId = pathParam('id', z.string().min(1).max(500));
const journeyId = pathParam('id', z.string().min(1).max(100));
const LIMITS =
  `Request bodies are JSON in UTF-8 (UTF-16 and UTF-32 are decoded too; gzip, deflate or br allowed), at most 1 MB (413) and nested at most ${JSON_BODY_LIMITS.depth} deep (400). ` +
  `An event's properties: at most ${FREE_FORM_LIMITS.depth} levels, ${FREE_FORM_LIMITS.keysPerObject} keys per object, 16 KB; numbers finite ` +
  `within ±${FREE_FORM_LIMITS.maxAbsNumber}; occurredAt from 2000-01-01 to one day ahead. Every refusal is application/problem+json.`;

/** The OpenAPI 3 document, generated from the same zod schemas the routes parse with. */
export function openApiDocument() {
  return {
    openapi: '3.0.3',
    info: { title: 'Tideway API', version: '1', description: LIMITS },
    components: {
      securitySchemes,
      schemas: {
        Problem: {
          type: 'object',
          required: ['title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } } } },
          },
        },
      },
    },
    security: readSecurity,
    paths: withAccess({
      ...peoplePaths,
      ...customerListPaths,
      ...reportPaths,
      ...metricsPaths,
      ...webhookPaths,
      ...trackingPaths,
      ...taskReopenPaths,
      '/v1/events': {
        post: {
          summary: 'Send one customer event, by customerId or identity (exactly one); the same eventId is acted on once',
          requestBody: body(customerEventInputSchema),
          responses: { 202: answer('Accepted (stored, and handed to the customer\'s lifecycle) or duplicate (applied before), with the customerId it went to', intakeResultSchema), ...bodyErrors },
        },
      },
      '/v1/events:batch': {
        post: {
          summary: `Send 1 to ${EVENT_BATCH_LIMIT} events, each validated on its own; a result per event, in request order`,
          requestBody: body(eventBatchBody),
          responses: {
            202: answer('One result per event: accepted or duplicate with its eventId and customerId, or rejected naming each bad field', eventBatchResponseSchema),
            ...bodyErrors,
            413: problem(`More than ${EVENT_BATCH_LIMIT} events, or a body over 1 MB`),
          },
        },
      },
      '/v1/parked-events': {
        get: {
          summary: 'Events a lifecycle could not apply, set aside with the reason, the latest first',
          parameters: queryParams(parkedEventsQuerySchema),
          responses: { 200: answer('Parked events', answers.parkedEventListSchema), ...errors },
        },
      },
      '/v1/parked-events/{eventId}/redrive': {
        post: {
          summary: 'Hand a parked event to its lifecycle again',
          parameters: [pathParam('eventId', z.string().min(1))],
          responses: { 202: answer('Handed over again', answers.redriveResultSchema), 404: problem('No parked event with this id'), ...errors },
        },
      },
      '/v1/customers/{id}': {
        put: {
          summary: 'Create or update a profile; identities are added, custom attributes merged (null removes one; undeclared or mistyped ones are a 400 naming the field)',
          parameters: [customerId],
          requestBody: body(customerProfileSchema),
          responses: { 200: answer('Updated', answers.customerViewSchema), 201: answer('Created', answers.customerViewSchema), 409: problem('An identity belongs to another customer, or this one was merged'), ...bodyErrors },
        },
        get: {
          summary: 'Profile, identities, stage, stage history and runs',
          parameters: [customerId],
          responses: { 200: answer('The customer', answers.customerViewSchema), 404: problem('No such customer'), ...errors },
        },
      },
      '/v1/customers/{id}/consent': {
        put: {
          summary: "Set the customer's consent to marketing on one channel (email or sms), with its source; a change is appended to the history",
          parameters: [customerId],
          requestBody: body(consentChangeSchema),
          responses: { 200: answer('The customer, with consent and consent history', answers.customerViewSchema), 404: problem('No such customer'), 409: problem('The customer was merged'), ...bodyErrors },
        },
      },
      '/v1/customers/{id}/merge': {
        post: {
          summary: 'Fold otherId into this customer: identities, events and later events move here',
          parameters: [customerId],
          requestBody: body(customerMergeSchema),
          responses: { 200: answer('The survivor', answers.customerViewSchema), 404: problem('No such customer'), 409: problem('Already merged'), ...bodyErrors },
        },
      },
      '/v1/customers/{id}/stage': {
        post: {
          summary: 'Set a stage by hand',
          parameters: [customerId],
          requestBody: body(stageChangeSchema),
          responses: { 202: answer("Handed to the customer's lifecycle, which applies it in order with their events", answers.stageChangeResultSchema), 404: problem('No such customer'), ...bodyErrors },
        },
      },
      '/v1/journeys': { get: { summary: 'The journey catalogue with versions', responses: { 200: answer('Journeys', answers.journeyListSchema), 401: errors[401] } } },
      '/v1/journeys/{id}': {
        get: {
          summary: 'A journey: definition, version, Mermaid diagram',
          parameters: [journeyId],
          responses: { 200: answer('The journey', answers.journeyDetailSchema), 404: problem('No such journey'), ...errors },
        },
      },
      '/v1/journeys/{id}/enrollments': {
        post: {
          summary: 'Start a run by hand',
          parameters: [journeyId],
          requestBody: body(enrollmentSchema),
          responses: { 201: answer('Started', answers.enrollmentResultSchema), 404: problem('No such journey or customer'), 409: problem('A run is in progress, or the re-entry policy forbids another'), ...bodyErrors },
        },
      },
      '/v1/journeys/{id}/runs/{customerId}': {
        get: {
          summary: 'Where a run is and what it waits for',
          parameters: [journeyId, pathParam('customerId', customerIdSchema)],
          responses: { 200: answer('Run state', answers.runStateSchema), 404: problem('No such journey or run'), ...errors },
        },
      },
      '/v1/journeys/{id}/previews': {
        get: {
          summary: "Every message the journey sends, rendered as the worker would render it, in a locale, for a sample customer or a real one",
          parameters: [journeyId, ...queryParams(previewQuerySchema)],
          responses: { 200: answer('The messages, in step order', previewListSchema), 404: problem('No such journey or customer'), ...errors },
        },
      },
      '/v1/journeys/{id}/runs/{customerId}/end': {
        post: {
          summary: "End the customer's running run of the journey by hand, with a reason: the run is told through its own end signal (in its history) and finishes as `exited` with that reason",
          parameters: [journeyId, pathParam('customerId', customerIdSchema)],
          requestBody: body(runEndSchema),
          responses: { 202: answer('The run was told to end', answers.runEndResultSchema), 404: problem('No such journey, or no running run of it for the customer'), ...bodyErrors },
        },
      },
      '/v1/tasks': {
        get: {
          summary: "Tasks, by status, queue, requested queue, assignee (a person's sign-in name) or customer; `mine=true`: the caller's own; `overdue=true`: open and past due. At most 500",
          parameters: queryParams(taskQuerySchema),
          responses: { 200: answer('Tasks, by due time', answers.taskListSchema), ...errors },
        },
      },
      '/v1/tasks/{id}': { get: { summary: 'One task', parameters: [keyId], responses: { 200: answer('The task', answers.taskSchema), 404: problem('No such task'), ...errors } } },
      '/v1/tasks/{id}/claim': {
        post: {
          summary: 'Take an open task for the caller (assignee = the caller\'s name); the caller\'s own again changes nothing',
          parameters: [keyId],
          responses: { 200: answer('Claimed', answers.taskSchema), 404: problem('No such task'), 409: problem('Someone else holds the task (`assignee` names them), or it is completed'), ...errors },
        },
      },
      '/v1/tasks/{id}/assign': {
        post: {
          summary: 'Give an open task to a person (null: back to its queue)',
          parameters: [keyId],
          requestBody: body(taskAssignmentSchema),
          responses: { 200: answer('Assigned', answers.taskSchema), 404: problem('No such task'), 409: problem('The task is completed'), ...bodyErrors },
        },
      },
      '/v1/tasks/{id}/complete': {
        post: {
          summary: 'Complete a task; the waiting run goes on',
          parameters: [keyId],
          requestBody: body(taskCompletionSchema),
          responses: { 200: answer('Completed', answers.taskSchema), 404: problem('No such task'), 409: problem('Completed before'), ...bodyErrors },
        },
      },
      '/v1/stage-rules': {
        get: { summary: 'Stage rule versions, newest first, and the one in force', responses: { 200: answer('Versions', answers.stageRulesListSchema), ...errors } },
        post: {
          summary: 'Publish a version of the stage rules, in force from now on',
          requestBody: body(stageRulesPublishSchema),
          responses: { 201: answer('Published', answers.stageRulesSchema), 409: problem('Another version was published at the same time'), ...bodyErrors },
        },
      },
      '/v1/stage-rules/rollback': {
        post: {
          summary: 'Roll back the version in force; a workflow re-evaluates the customers it moved',
          requestBody: body(stageRulesRollbackSchema),
          responses: { 202: answer('Rolled back; re-evaluation started', answers.stageRulesRollbackResultSchema), 404: problem('No such version'), 409: problem('Not the version in force'), ...bodyErrors },
        },
      },
      '/v1/approvals': {
        get: {
          summary: 'Approvals by status (pending by default) and customer; at most 500',
          parameters: queryParams(approvalQuerySchema),
          responses: { 200: answer('Approvals: pending oldest first, the others newest first', answers.approvalListSchema), ...errors },
        },
      },
      '/v1/approvals/{id}': {
        get: { summary: 'One approval', parameters: [keyId], responses: { 200: answer('The approval', answers.approvalSchema), 404: problem('No such approval'), ...errors } },
        post: {
          summary: 'Approve or reject',
          parameters: [keyId],
          requestBody: body(approvalDecisionSchema),
          responses: { 200: answer('Decided', answers.approvalSchema), 404: problem('No such approval'), 409: problem('Decided otherwise before'), ...bodyErrors },
        },
      },
      '/v1/reports/journeys/{id}': {
        get: {
          summary: 'Runs entered, in progress, completed, goal reached, per step and per A/B arm; outcomes with reasons; the diagram with the counts on its steps',
          parameters: [journeyId],
          responses: { 200: answer('The report', answers.journeyReportSchema), 404: problem('No such journey'), ...errors },
        },
      },
      '/v1/reports/cold-pool': { get: { summary: 'Customers in the cold pool, since when and why', responses: { 200: answer('The cold pool', answers.coldPoolSchema), ...errors } } },
      '/u/{token}': {
        get: {
          summary: 'Unsubscribe link of a marketing email: a page with a button; changes nothing',
          security: [],
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: page('A page with the button'), 400: malformedLink, 403: page('Tampered link'), 404: page('Unknown customer'), 503: problem('The store is unreachable') },
        },
        post: {
          summary: "Opt the customer out of the channel (the page's button, or one-click unsubscribe, RFC 8058)",
          security: [],
          parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: page('Unsubscribed'), 400: malformedLink, 403: page('Tampered link'), 404: page('Unknown customer'), 503: problem('The store is unreachable') },
        },
      },
      '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.0', content: { 'application/json': { schema: { type: 'object' } } } } } } },
      '/healthz': { get: { summary: 'Liveness', security: [], responses: { 200: answer('Alive', answers.livenessSchema) } } },
      '/readyz': {
        get: { summary: 'Readiness: store and Temporal reachable', security: [], responses: { 200: answer('Ready', answers.readinessSchema), 503: answer('Not ready: which one is down', answers.readinessSchema) } },
      },
    }),
  };
}

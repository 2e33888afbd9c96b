/** The OpenAPI operations of the customer list and the customer timeline. */
import { customerIdSchema } from '../domain/events.js';
import { answer, errors, pathParam, problem, queryParams } from './openapi-parts.js';
import { customerListSchema, timelineSchema } from './responses-customers.js';
import { customerSearchSchema } from './routes/customer-search.js';
import { timelineQuerySchema } from './routes/customer-timeline.js';

export const customerListPaths = {
  '/v1/customers': {
    get: {
      summary:
        'Search customers, by id: q is an id prefix, an exact email or phone (an identity), or part of a name (any case); with stage, tag and a health range. Merged customers are left out. A page at a time: pass `next` as `after`.',
      parameters: queryParams(customerSearchSchema),
      responses: { 200: answer('A page of customers, by id, and how many match in all', customerListSchema), ...errors },
    },
  },
  '/v1/customers/{id}/timeline': {
    get: {
      summary:
        "One timeline of the customer's events, messages (with their ledger status and reason), tasks, approvals, journey runs (each with its page in the Temporal UI) and stage changes, newest first; pass `next` as `before` for older items",
      parameters: [pathParam('id', customerIdSchema), ...queryParams(timelineQuerySchema)],
      responses: { 200: answer('The timeline', timelineSchema), 404: problem('No such customer'), ...errors },
    },
  },
};

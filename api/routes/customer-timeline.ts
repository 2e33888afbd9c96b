import { Router } from 'express';
import { z } from 'zod';
import { maskText } from '../../domain/masking.js';
import { customerTimeline } from '../../store/customer-timeline.js';
import { CustomerModel } from '../../store/models/customer.js';
import { route } from '../access.js';
import { principalOf } from '../principal.js';
import { HttpProblem, parseInput } from '../problem.js';
import { customerParamsSchema } from '../schemas.js';

export const timelineQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  /** Only what happened before this time: the `next` of the page before. */
  before: z.iso.datetime({ offset: true }).optional(),
});

/** Where the Temporal Web UI shows runs: a run's page is `<url>/namespaces/<namespace>/workflows/<workflowId>/<runId>/history`. */
export interface TemporalUi {
  url: string;
  namespace: string;
}

export const temporalRunUrl = ({ url, namespace }: TemporalUi, workflowId: string, runId: string) =>
  `${url.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;

export function customerTimelineRoutes(temporalUi: TemporalUi): Router {
  const router = Router();

  /** One timeline of the customer's events, messages, tasks, approvals, journey runs and stage changes, newest first. */
  route(router, 'GET /v1/customers/:id/timeline', async (req, res) => {
    const { id } = parseInput(customerParamsSchema, req.params, 'params');
    const { limit, before } = parseInput(timelineQuerySchema, req.query, 'query');
    const timeline = await customerTimeline({ customerId: id, limit, before: before ? new Date(before) : undefined, runLink: (workflowId, runId) => temporalRunUrl(temporalUi, workflowId, runId) });
    if (!timeline) throw new HttpProblem(404, 'Customer not found', `No customer "${id}".`);
    if (principalOf(res)?.role === 'viewer') await maskNameInSubjects(id, timeline.items);
    res.json({ customerId: id, ...timeline });
  });

  return router;
}

/** A subject is rendered with the customer's name ("Welcome, Chen Wei"): a viewer sees it masked, as everywhere else. */
async function maskNameInSubjects(customerId: string, items: { kind: string; subject?: unknown }[]): Promise<void> {
  const name = (await CustomerModel.findById(customerId, { name: 1 }).lean())?.name?.trim();
  if (!name) return;
  for (const item of items) {
    if (item.kind === 'message' && typeof item.subject === 'string') item.subject = item.subject.split(name).join(maskText(name));
  }
}

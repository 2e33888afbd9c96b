import { Router } from 'express';
import { z } from 'zod';
import { customerIdSchema } from '../../domain/events.js';
import { previewMessages, previewRecipient } from '../../domain/journey-previews.js';
import { findJourney, journeys } from '../../journeys/index.js';
import { findTemplateRecipient } from '../../store/template-customer.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';

export const previewQuerySchema = z.strictObject({
  locale: z.enum(['en', 'zh-CN']).optional().describe('the language to render in; default: the customer\'s, else zh-CN'),
  customerId: customerIdSchema.optional().describe('render for this customer; default: a sample customer'),
});

const renderedMessage = z.object({
  step: z.string(),
  channel: z.enum(['email', 'sms', 'wecom']),
  template: z.string(),
  locale: z.enum(['en', 'zh-CN']).optional(),
  subject: z.string().optional(),
  text: z.string().optional(),
  error: z.string().optional().describe('why the message cannot be rendered: a missing template or variable'),
});
export const previewListSchema = z.object({
  journeyId: z.string(),
  version: z.string(),
  customer: z.object({ id: z.string(), sample: z.boolean() }),
  locale: z.string(),
  messages: z.array(renderedMessage),
});

/**
 * `GET /v1/journeys/:id/previews`: every message the journey sends, rendered from the templates of its
 * current version as the worker would render them (same defaults), for a sample or a real customer.
 * A message that cannot be rendered (a missing template or variable) says why instead.
 */
export function journeyPreviewRoutes(defaults: Record<string, string>): Router {
  const router = Router();
  route(router, 'GET /v1/journeys/:id/previews', async (req, res) => {
    const { id } = parseInput(z.object({ id: z.string() }), req.params, 'params');
    const { locale, customerId } = parseInput(previewQuerySchema, req.query, 'query');
    const journey = findJourney(id);
    if (!journey) throw new HttpProblem(404, 'Journey not found', `No journey "${id}"; known: ${journeys.map((j) => j.id).join(', ')}.`);
    const customer = customerId ? await findTemplateRecipient(customerId) : undefined;
    if (customerId && !customer) throw new HttpProblem(404, 'Customer not found', `No customer "${customerId}".`);
    const recipient = previewRecipient(customer, locale);
    const messages = previewMessages(journey, defaults, recipient);
    res.json({ journeyId: journey.id, version: journey.version, customer: { id: recipient.id, sample: !customerId }, locale: recipient.locale, messages });
  });
  return router;
}

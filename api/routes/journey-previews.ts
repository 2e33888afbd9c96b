import { Router } from 'express';
import { z } from 'zod';
import { customerIdSchema } from '../../domain/events.js';
import { allSteps } from '../../domain/journey.js';
import { renderFor, type TemplateRecipient } from '../../domain/templates.js';
import { findJourney, journeys } from '../../journeys/index.js';
import { CustomerModel } from '../../store/models/customer.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';

export const previewQuerySchema = z.strictObject({
  locale: z.enum(['en', 'zh-CN']).optional().describe('the language to render in; default: the customer\'s, else zh-CN'),
  customerId: customerIdSchema.optional().describe('render for this customer; default: a sample customer'),
});

const renderedMessage = z.object({
  step: z.string(),
  channel: z.enum(['email', 'sms']),
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

/** Who a preview is for when no customer is named: a made-up one in the language asked for. */
const SAMPLE: Record<'en' | 'zh-CN', TemplateRecipient> = {
  en: { id: 'sample-customer', name: 'Ada Lovelace', email: 'ada@example.com', locale: 'en' },
  'zh-CN': { id: 'sample-customer', name: '李雷', email: 'lilei@example.com', locale: 'zh-CN' },
};

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
    const recipient = customerId ? await realRecipient(customerId, locale) : SAMPLE[locale ?? 'zh-CN'];
    const messages = allSteps(journey).flatMap((step): z.infer<typeof renderedMessage>[] => {
      if (step.kind !== 'send') return [];
      const base = { step: step.key, channel: step.channel, template: step.template };
      const variants = journey.templates?.[step.template];
      if (!variants) return [{ ...base, error: `no template "${step.template}" in the catalogue` }];
      try {
        return [{ ...base, ...renderFor(variants, defaults, recipient) }];
      } catch (error) {
        return [{ ...base, error: (error as Error).message }];
      }
    });
    res.json({ journeyId: journey.id, version: journey.version, customer: { id: recipient.id, sample: !customerId }, locale: recipient.locale, messages });
  });
  return router;
}

async function realRecipient(customerId: string, locale: 'en' | 'zh-CN' | undefined): Promise<TemplateRecipient> {
  const customer = await CustomerModel.findById(customerId, { name: 1, email: 1, locale: 1 }).lean();
  if (!customer) throw new HttpProblem(404, 'Customer not found', `No customer "${customerId}".`);
  return { id: customer._id, name: customer.name, email: customer.email, locale: locale ?? customer.locale ?? 'zh-CN' };
}

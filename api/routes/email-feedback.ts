import express, { Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger.js';
import { emailSchema } from '../../domain/identities.js';
import { recordConsent } from '../../store/consent.js';
import { holderOf } from '../../store/identities.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';
import { isSignedWebhook } from '../webhook-signature.js';

export const EMAIL_FEEDBACK_PATH = '/v1/webhooks/email/feedback' as const;

export interface EmailFeedbackDeps {
  /** TIDEWAY_EMAIL_FEEDBACK_SECRET; unset, the route answers 404. */
  secret: string | undefined;
  logger: Logger;
}

/** A bounce or complaint as the email provider (or a relay that maps its notifications) reports it. */
export const emailFeedbackSchema = z.strictObject({
  type: z.enum(['bounce', 'complaint']),
  email: emailSchema,
  /** A soft bounce (mailbox full, greylisting) changes nothing. Default: hard. */
  bounceType: z.enum(['hard', 'soft']).optional(),
  provider: z.string().trim().max(64).optional(),
  reason: z.string().max(1000).optional(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const emailFeedbackResultSchema = z.object({
  status: z.enum(['opted_out', 'ignored']),
  customerId: z.string().optional(),
  /** The consent source recorded: `email:bounce` or `email:complaint`. */
  source: z.string().optional(),
  /** Why nothing changed. */
  reason: z.string().optional(),
});
type EmailFeedbackResult = z.infer<typeof emailFeedbackResultSchema>;

/**
 * Bounces and complaints from the email provider. Public (the HMAC-SHA256 signature of the raw body is
 * the authentication): a hard bounce or a complaint opts the address's customer out of email.
 */
export function emailFeedbackRoutes({ secret, logger }: EmailFeedbackDeps): Router {
  const router = Router();
  route(router, `POST ${EMAIL_FEEDBACK_PATH}`, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    if (!secret) throw new HttpProblem(404, 'Email feedback is not configured', 'Set TIDEWAY_EMAIL_FEEDBACK_SECRET to take bounces and complaints.');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signed = { timestamp: req.get('x-tideway-timestamp') ?? '', signature: req.get('x-tideway-signature') ?? '', body };
    if (!isSignedWebhook(secret, signed)) {
      throw new HttpProblem(403, 'Invalid signature', 'X-Tideway-Signature is missing or does not match the body and X-Tideway-Timestamp (within 5 minutes of now).');
    }
    const feedback = parseInput(emailFeedbackSchema, parseJson(body));
    const answer = await applyFeedback(feedback);
    logger.info({ ...answer, type: feedback.type, provider: feedback.provider, reason: feedback.reason }, 'email feedback');
    res.status(answer.status === 'opted_out' ? 200 : 202).json(answer);
  });
  return router;
}

async function applyFeedback({ type, email, bounceType, occurredAt }: z.infer<typeof emailFeedbackSchema>): Promise<EmailFeedbackResult> {
  if (type === 'bounce' && bounceType === 'soft') return { status: 'ignored', reason: 'a soft bounce changes nothing' };
  const customerId = await holderOf({ kind: 'email', value: email });
  if (!customerId) return { status: 'ignored', reason: 'no customer has this email' };
  const source = `email:${type}`;
  // When it happened, unless the provider's clock says the future.
  const at = occurredAt ? new Date(Math.min(Date.parse(occurredAt), Date.now())) : new Date();
  const recorded = await recordConsent(customerId, { channel: 'email', status: 'opted_out', source }, at);
  if (recorded === 'not-found') return { status: 'ignored', reason: 'no customer has this email' };
  return { status: 'opted_out', customerId, source };
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'Invalid request', 'The body is not JSON.');
  }
}

import { type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../config/logger.js';
import type { ConsentUpdate } from '../../store/consent.js';
import { recordConsent } from '../../store/consent.js';
import { holderOf } from '../../store/identities.js';
import { phoneSchema } from '../../domain/identities.js';
import { type SmsKeyword, smsKeyword } from '../../domain/sms-keywords.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import { route } from '../access.js';
import type { EventHandoffs } from '../event-handoffs.js';
import { acceptEvent } from '../event-intake.js';
import { parseInput } from '../problem.js';
import { type TwilioWebhookDeps, twilioSigned } from '../twilio-signature.js';

export const TWILIO_INBOUND_PATH = '/v1/webhooks/twilio/inbound' as const;

export interface TwilioInboundDeps {
  twilio: TwilioWebhookDeps | undefined;
  runner: JourneyRunner;
  handoffs: EventHandoffs;
  logger: Logger;
}

export const twilioInboundSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Twilio message SID'),
  From: z.string().min(1).max(64),
  Body: z.string().max(1600).default(''),
  /** Set by Twilio's Advanced Opt-Out when the message was one of the keywords configured there. */
  OptOutType: z.string().optional(),
});

const CONSENT_BY_KEYWORD: Record<SmsKeyword, Omit<ConsentUpdate, 'channel'>> = {
  opt_out: { status: 'opted_out', source: 'twilio:inbound-stop' },
  opt_in: { status: 'opted_in', source: 'twilio:inbound-start' },
};

/** An empty TwiML answer: Twilio sends no reply of ours (its own STOP/START confirmations still go). */
const replyNothing = (res: Response) => res.status(200).type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');

/**
 * Twilio's incoming-message webhook, signed like the status callbacks. A keyword from the sender's
 * number changes their SMS consent; any other text is a `customer.interacted` event, so the lifecycle
 * and the journeys see the reply. A number no customer has changes nothing.
 */
export function twilioInboundRoutes({ twilio, runner, handoffs, logger }: TwilioInboundDeps): Router {
  const router = Router();
  route(router, `POST ${TWILIO_INBOUND_PATH}`, ...twilioSigned(twilio, 'incoming messages'), async (req, res) => {
    const message = parseInput(twilioInboundSchema, req.body);
    const phone = phoneSchema.safeParse(message.From);
    const customerId = phone.success ? await holderOf({ kind: 'phone', value: phone.data }) : undefined;
    if (!customerId) {
      logger.info({ messageSid: message.MessageSid }, 'twilio inbound: no customer has the sender\'s number; nothing changed');
      return replyNothing(res);
    }
    const keyword = smsKeyword(message.OptOutType ?? '') ?? smsKeyword(message.Body);
    if (keyword) {
      await recordConsent(customerId, { channel: 'sms', ...CONSENT_BY_KEYWORD[keyword] });
    } else if (message.Body.trim()) {
      const properties = { channel: 'sms', text: message.Body, messageSid: message.MessageSid };
      // Keyed by the SID: Twilio's retry of the same message is one event.
      await acceptEvent({ eventId: `twilio:${message.MessageSid}`, customerId, type: 'customer.interacted', properties }, runner, { handoffs });
    }
    replyNothing(res);
  });
  return router;
}

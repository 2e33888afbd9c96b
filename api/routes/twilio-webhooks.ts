import { Router } from 'express';
import { z } from 'zod';
import { applyStatusReport, type ReportedStatus } from '../../store/message-status.js';
import { route } from '../access.js';
import { HttpProblem, parseInput } from '../problem.js';
import { type TwilioWebhookDeps, twilioSigned } from '../twilio-signature.js';

export const TWILIO_STATUS_PATH = '/v1/webhooks/twilio/status' as const;

/** The statusCallback every SMS is sent with: Twilio signs its reports against exactly this URL. */
export const twilioStatusCallbackUrl = (publicUrl: string) => `${publicUrl.replace(/\/+$/, '')}${TWILIO_STATUS_PATH}`;

export const twilioStatusSchema = z.looseObject({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-fA-F]{32}$/, 'a Twilio message SID'),
  MessageStatus: z.string().min(1),
  ErrorCode: z.string().regex(/^\d+$/).optional(),
});

/** Twilio's message statuses, as the send ledger records them; the others (receiving, …) say nothing new. */
const LEDGER_STATUS: Record<string, ReportedStatus> = {
  accepted: 'sent',
  scheduled: 'sent',
  queued: 'sent',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * Twilio's status callbacks. No API key (Twilio cannot send one): the `X-Twilio-Signature` proves
 * the sender, and a wrong or missing one is a 403 that changes nothing. Mounted before the API-key check.
 */
export function twilioWebhookRoutes(deps: TwilioWebhookDeps | undefined): Router {
  const router = Router();
  route(router, `POST ${TWILIO_STATUS_PATH}`, ...twilioSigned(deps, 'status callbacks'), async (req, res) => {
    const report = parseInput(twilioStatusSchema, req.body);
    const status = LEDGER_STATUS[report.MessageStatus];
    if (status) {
      const reason = status === 'failed' ? failureReason(report.MessageStatus, report.ErrorCode) : undefined;
      const sendKey = typeof req.query.sendKey === 'string' ? req.query.sendKey : undefined;
      const applied = await applyStatusReport(report.MessageSid, { status, reason }, new Date(), sendKey);
      if (applied === 'unknown') throw new HttpProblem(404, 'Unknown message', `No message with SID ${report.MessageSid} was sent by Tideway.`);
    }
    res.status(204).end();
  });
  return router;
}

function failureReason(status: string, errorCode: string | undefined): string {
  return errorCode ? `${status}: Twilio error ${errorCode} (https://www.twilio.com/docs/api/errors/${errorCode})` : status;
}

import type twilio from 'twilio';

/** Where SMS go when Twilio is configured. */
export interface TwilioSms {
  client: Pick<twilio.Twilio, 'messages'>;
  sender: { from: string } | { messagingServiceSid: string };
  /** Twilio POSTs the message's status here: `${TIDEWAY_PUBLIC_URL}/v1/webhooks/twilio/status`. */
  statusCallback: string;
}

/**
 * Hands one SMS to Twilio and returns its SID (`SM…`). The status callback names the send key, so a
 * report that arrives before the SID is recorded still finds its ledger row.
 */
export async function sendThroughTwilio({ client, sender, statusCallback }: TwilioSms, to: string, body: string, sendKey?: string): Promise<string> {
  const callback = sendKey ? `${statusCallback}${statusCallback.includes('?') ? '&' : '?'}sendKey=${encodeURIComponent(sendKey)}` : statusCallback;
  const message = await client.messages.create({ to, body, statusCallback: callback, ...sender });
  return message.sid;
}

/**
 * The SID of a message Twilio already took for this number and text since `since`: the answer to
 * "did the attempt that was cut short go through?". Twilio takes no idempotency key, so this asks.
 */
export async function findTakenByTwilio({ client }: TwilioSms, to: string, body: string, since: Date): Promise<string | undefined> {
  const from = since.getTime() - 60_000;
  const recent = await client.messages.list({ to, limit: 50 });
  return recent.find((message) => message.body === body && message.dateCreated.getTime() >= from)?.sid;
}

/** Answers that mean "not now" rather than "never": bad credentials can be fixed, a rate limit passes. */
const RETRYABLE_4XX = new Set([401, 403, 408, 429]);

/** What a failed create means: `refused` (4xx: this message will never be taken) or worth retrying. */
export function explainTwilioError(error: unknown): { refused: boolean; reason: string; code?: number } {
  const { status, code, message } = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  const twilioCode = typeof code === 'number' ? code : undefined;
  if (typeof status !== 'number') return { refused: false, reason: `Twilio could not be reached: ${String(message)}` };
  const answer = `(HTTP ${status}${twilioCode ? `, error ${twilioCode}` : ''})`;
  const refused = status >= 400 && status < 500 && !RETRYABLE_4XX.has(status);
  return { refused, reason: `${refused ? 'Twilio refused the message' : 'Twilio did not take the message'}: ${String(message)} ${answer}`, code: twilioCode };
}

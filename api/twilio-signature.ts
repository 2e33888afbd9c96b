import express, { type RequestHandler } from 'express';
import twilio from 'twilio';
import { HttpProblem } from './problem.js';

export interface TwilioWebhookDeps {
  /** Twilio signs each callback with the account's auth token (HMAC-SHA1). */
  authToken: string;
  /** `TIDEWAY_PUBLIC_URL`: the address Twilio called, which the signature covers. */
  publicUrl: string;
}

/**
 * Reads Twilio's form post and checks its `X-Twilio-Signature` against the URL it was sent to: 404
 * when Twilio is not configured, 403 when the signature is missing or does not match.
 */
export function twilioSigned(deps: TwilioWebhookDeps | undefined, what: string): RequestHandler[] {
  const check: RequestHandler = (req, _res, next) => {
    if (!deps) throw new HttpProblem(404, 'Twilio is not configured', `Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to take ${what}.`);
    const params = (req.body ?? {}) as Record<string, unknown>;
    const signature = req.get('x-twilio-signature') ?? '';
    const calledUrl = `${deps.publicUrl.replace(/\/+$/, '')}${req.originalUrl}`;
    if (!signature || !twilio.validateRequest(deps.authToken, signature, calledUrl, params)) {
      throw new HttpProblem(403, 'Invalid signature', `X-Twilio-Signature is missing or does not match this request to ${calledUrl}.`);
    }
    next();
  };
  return [express.urlencoded({ extended: false, limit: '64kb' }), check];
}

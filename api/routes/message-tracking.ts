import { type Request, type Response, Router } from 'express';
import { unsubscribeSecret } from '../../store/unsubscribe-secret.js';
import type { JourneyRunner } from '../../temporal/journey-runner.js';
import type { EventHandoffs } from '../event-handoffs.js';
import { acceptEvent } from '../event-intake.js';
import type { CustomerEventInput } from '../event-input.js';
import { CLICK_PATH, clickEventId, OPEN_PATH, openEventId, readClickToken, readOpenToken } from '../tracking-token.js';
import { pageLocale } from '../unsubscribe-page.js';
import { escapeHtml } from '../../domain/email-html.js';

export interface MessageTrackingDeps {
  /** TIDEWAY_UNSUBSCRIBE_SECRET; unset, the secret kept in the store (the worker signs with the same). */
  secret?: string;
  runner: JourneyRunner;
  handoffs: EventHandoffs;
  /** Where a click or open that could not be recorded is reported. */
  log: (line: string) => void;
}

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const NO_STORE = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' };

/**
 * The click redirect and open pixel of marketing emails. Public (the signed token is the authority):
 * a valid click records one `message.clicked` per link of a message and redirects (302) to the URL in
 * the token, so it leads only where a message linked; a valid pixel records one `message.opened` per
 * message. A tampered or malformed token gets 403 and records nothing. A HEAD (link scanners) records nothing.
 */
export function messageTrackingRoutes({ secret, runner, handoffs, log }: MessageTrackingDeps): Router {
  const router = Router();

  /** The person is sent on even when the store or Temporal is down: a lost click costs less than a broken link. */
  async function record(req: Request, input: CustomerEventInput): Promise<void> {
    if (req.method === 'HEAD') return;
    await acceptEvent(input, runner, { handoffs }).catch((error: unknown) => log(`${input.type} ${input.eventId} not recorded: ${String(error)}`));
  }

  router.get(`${CLICK_PATH}/:token`, async (req, res) => {
    const click = readClickToken(await unsubscribeSecret(secret), String(req.params.token));
    if (typeof click === 'string') return refuse(req, res);
    const { sendKey, journeyId, stepKey, url, link } = click;
    await record(req, { eventId: clickEventId(click), customerId: click.customerId, type: 'message.clicked', properties: { sendKey, journeyId, stepKey, url, ...(link ? { link } : {}) } });
    res.set(NO_STORE).redirect(302, url);
  });

  router.get(`${OPEN_PATH}/:token.gif`, async (req, res) => {
    const opened = readOpenToken(await unsubscribeSecret(secret), String(req.params.token));
    // 403 rather than a blank pixel: a tampered pixel never comes from a real email, so no reader sees a broken image.
    if (typeof opened === 'string') return refuse(req, res);
    const { sendKey, journeyId, stepKey } = opened;
    await record(req, { eventId: openEventId(opened), customerId: opened.customerId, type: 'message.opened', properties: { sendKey, journeyId, stepKey } });
    res.status(200).set(NO_STORE).type('gif').send(PIXEL);
  });

  return router;
}

const WORDS = {
  en: { title: 'This link does not work', body: 'This link is not valid. Please use the link exactly as it came in the message.' },
  'zh-CN': { title: '链接无效', body: '这个链接无效。请使用消息中的原始链接。' },
};

/** 403 with a small page: the token was tampered with or is not one; nothing is recorded. */
function refuse(req: Request, res: Response): void {
  const locale = pageLocale(req.acceptsLanguages('en', 'zh-CN', 'zh') || undefined);
  const { title, body } = WORDS[locale];
  res
    .status(403)
    .set({ ...NO_STORE, 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'" })
    .type('html')
    .send(`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei',sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#222;line-height:1.6">
<h1 style="font-size:22px">${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
</body>
</html>
`);
}

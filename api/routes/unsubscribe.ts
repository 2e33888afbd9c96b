import { type Request, type Response, Router } from 'express';
import { consentRecord } from '../../domain/consent.js';
import { recordConsent } from '../../store/consent.js';
import { CustomerModel } from '../../store/models/customer.js';
import { unsubscribeSecret } from '../../store/unsubscribe-secret.js';
import { pageLocale, sendUnsubscribePage } from '../unsubscribe-page.js';
import { readUnsubscribeToken, UNSUBSCRIBE_PATH, type UnsubscribeTarget } from '../unsubscribe-token.js';

export interface UnsubscribeDeps {
  /** TIDEWAY_UNSUBSCRIBE_SECRET; unset, the secret kept in the store (the worker signs with the same). */
  secret?: string;
}

/**
 * The unsubscribe link of marketing emails. Public (the signed token is the authority): GET shows a
 * page with a button and changes nothing, so link scanners opt nobody out; POST, from that button or
 * a mail client's one-click unsubscribe (RFC 8058), opts the customer out of the channel.
 */
export function unsubscribeRoutes({ secret }: UnsubscribeDeps = {}): Router {
  const router = Router();

  router.get(`${UNSUBSCRIBE_PATH}/:token`, async (req, res) => {
    const found = await findTarget(req, res, secret);
    if (!found) return;
    const { target, customer } = found;
    const optedOut = consentRecord(customer.consent, target.channel)?.status === 'opted_out';
    sendUnsubscribePage(res, 200, { kind: optedOut ? 'done' : 'confirm', locale: pageLocale(customer.locale), channel: target.channel, address: addressOf(target, customer) });
  });

  router.post(`${UNSUBSCRIBE_PATH}/:token`, async (req, res) => {
    const found = await findTarget(req, res, secret);
    if (!found) return;
    const { target, customer } = found;
    await recordConsent(customer._id, { channel: target.channel, status: 'opted_out', source: 'unsubscribe-link' });
    sendUnsubscribePage(res, 200, { kind: 'done', locale: pageLocale(customer.locale), channel: target.channel, address: addressOf(target, customer) });
  });

  return router;
}

type LinkedCustomer = { _id: string; email?: string | null; phone?: string | null; locale?: string | null; consent?: unknown };

const addressOf = (target: UnsubscribeTarget, customer: LinkedCustomer) => (target.channel === 'sms' ? customer.phone : customer.email);

/** The customer a token names (the survivor, when they were merged); otherwise answers with an error page. */
async function findTarget(req: Request, res: Response, secret: string | undefined): Promise<{ target: UnsubscribeTarget; customer: LinkedCustomer } | undefined> {
  const locale = pageLocale(req.acceptsLanguages('en', 'zh-CN', 'zh') || undefined);
  const target = readUnsubscribeToken(await unsubscribeSecret(secret), String(req.params.token));
  if (target === 'malformed' || target === 'forged') {
    sendUnsubscribePage(res, target === 'malformed' ? 400 : 403, { kind: 'invalid', locale });
    return undefined;
  }
  const fields = { email: 1, phone: 1, locale: 1, consent: 1, mergedInto: 1 };
  let customer = await CustomerModel.findById(target.customerId, fields).lean();
  // The survivor of a merge carries the address the email went to.
  if (customer?.mergedInto) customer = await CustomerModel.findById(customer.mergedInto, fields).lean();
  if (!customer) {
    sendUnsubscribePage(res, 404, { kind: 'unknown', locale });
    return undefined;
  }
  return { target, customer };
}

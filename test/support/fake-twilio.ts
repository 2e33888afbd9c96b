import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks Twilio's Messages API (2010-04-01) and sends signed status callbacks,
 * for tests: the real twilio SDK talks to it through the `httpClient` option (TWILIO_API_BASE_URL).
 */
export interface FakeTwilio {
  /** Give this to the SDK instead of https://api.twilio.com. */
  baseUrl: string;
  accountSid: string;
  authToken: string;
  /** Every message it accepted, in order. */
  messages: ReceivedMessage[];
  /** Every create call that reached it, accepted, refused or failed. */
  attempts: number;
  /** Every status callback it POSTed, with the answer it got. */
  callbacks: SentCallback[];
  /** The next `count` create calls fail with this answer (default: HTTP 500). */
  failNext(count: number, failure?: { status: number; code?: number; message?: string }): void;
  /**
   * From now on, a create is taken (the message counts as sent) but never answered, as when the
   * caller dies while Twilio works; `release()` answers the held ones and ends the mode.
   */
  holdAnswers(): { release(): void };
  /** Messages to this number end as `undelivered` (or `failed`) with this Twilio error code. */
  failDeliveryTo(to: string, outcome: { status: 'undelivered' | 'failed'; errorCode: number }): void;
  /** POSTs a status callback like Twilio, signed with the auth token unless `signature` is given. */
  postCallback(url: string, params: Record<string, string>, signature?: string): Promise<number>;
  /** Resolves when every status callback so far has been answered. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface ReceivedMessage {
  sid: string;
  createdAt: Date;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
}

export interface SentCallback {
  url: string;
  params: Record<string, string>;
  answer: number;
}

const API_VERSION = '2010-04-01';
const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/;
const E164 = /^\+[1-9]\d{6,14}$/;
/** Twilio's magic test number for "invalid 'To' number". */
const INVALID_TEST_NUMBER = '+15005550001';

/** Twilio's signature: base64 HMAC-SHA1 of the URL followed by the sorted POST params as key+value. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export async function startFakeTwilio({ callbackDelayMs = 30 } = {}): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const messages: ReceivedMessage[] = [];
  const callbacks: SentCallback[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const deliveryFailures = new Map<string, { status: 'undelivered' | 'failed'; errorCode: number }>();
  let failures: { status: number; code?: number; message?: string }[] = [];
  let held: (() => void)[] | null = null;

  const fake: FakeTwilio = {
    baseUrl: '',
    accountSid,
    authToken,
    messages,
    attempts: 0,
    callbacks,
    failNext(count, failure = { status: 500 }) {
      failures = Array.from({ length: count }, () => failure);
    },
    holdAnswers() {
      const answers: (() => void)[] = [];
      held = answers;
      return {
        release() {
          held = null;
          for (const answer of answers) answer();
        },
      };
    },
    failDeliveryTo(to, outcome) {
      deliveryFailures.set(to, outcome);
    },
    async postCallback(url, params, signature = twilioSignature(authToken, url, params)) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1' },
        body: new URLSearchParams(params).toString(),
      });
      await response.body?.cancel();
      return response.status;
    },
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async close() {
      await fake.settled();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  /** Twilio reports the message as sent, then delivered (or its delivery failure), each signed. */
  async function reportStatuses(message: ReceivedMessage): Promise<void> {
    if (!message.statusCallback) return;
    const failure = deliveryFailures.get(message.to);
    const steps = [{ status: 'sent' }, failure ? { status: failure.status, errorCode: failure.errorCode } : { status: 'delivered' }];
    for (const step of steps) {
      await new Promise((resolve) => setTimeout(resolve, callbackDelayMs));
      const params: Record<string, string> = {
        AccountSid: accountSid,
        ApiVersion: API_VERSION,
        MessageSid: message.sid,
        SmsSid: message.sid,
        MessageStatus: step.status,
        SmsStatus: step.status,
        To: message.to,
        ...(message.from ? { From: message.from } : {}),
        ...(message.messagingServiceSid ? { MessagingServiceSid: message.messagingServiceSid } : {}),
        ...('errorCode' in step ? { ErrorCode: String(step.errorCode) } : {}),
      };
      const answer = await fake.postCallback(message.statusCallback, params).catch(() => 0);
      callbacks.push({ url: message.statusCallback, params, answer });
    }
  }

  function createMessage(params: URLSearchParams): { status: number; body: unknown } {
    const to = params.get('To');
    const from = params.get('From');
    const messagingServiceSid = params.get('MessagingServiceSid');
    const body = params.get('Body');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to) || to === INVALID_TEST_NUMBER) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!from && !messagingServiceSid) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    const message: ReceivedMessage = { sid: `SM${randomBytes(16).toString('hex')}`, createdAt: new Date(), to, from, messagingServiceSid, body, statusCallback: params.get('StatusCallback') };
    messages.push(message);
    const reporting = reportStatuses(message);
    inFlight.add(reporting);
    void reporting.finally(() => inFlight.delete(reporting));
    return { status: 201, body: messageResource(accountSid, message) };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = MESSAGES_PATH.exec(url.pathname);
    if (path && req.method === 'GET') {
      answer(200, listPage(accountSid, url, messages));
      return;
    }
    if (!path || req.method !== 'POST') {
      answer(404, twilioError(404, 20404, `The requested resource ${req.url} was not found`).body);
      return;
    }
    const text = await readBody(req);
    fake.attempts += 1;
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (req.headers.authorization !== expected || path[1] !== accountSid) {
      answer(401, twilioError(401, 20003, 'Authenticate').body);
      return;
    }
    const failure = failures.shift();
    if (failure) {
      const code = failure.code ?? (failure.status >= 500 ? 20500 : 21211);
      answer(failure.status, twilioError(failure.status, code, failure.message ?? (failure.status >= 500 ? 'Internal Server Error' : 'Invalid parameter')).body);
      return;
    }
    const result = createMessage(new URLSearchParams(text));
    if (held) held.push(() => answer(result.status, result.body));
    else answer(result.status, result.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** `GET …/Messages.json?To=…`: the newest first, one page, as Twilio lists them. */
function listPage(accountSid: string, url: URL, messages: ReceivedMessage[]) {
  const to = url.searchParams.get('To');
  const pageSize = Number(url.searchParams.get('PageSize') ?? 50);
  const matching = messages.filter((m) => !to || m.to === to).reverse().slice(0, pageSize);
  const uri = `${url.pathname}?${url.searchParams.toString()}`;
  return {
    messages: matching.map((m) => messageResource(accountSid, m)),
    page: 0,
    page_size: pageSize,
    start: 0,
    end: Math.max(0, matching.length - 1),
    uri,
    first_page_uri: uri,
    next_page_uri: null,
    previous_page_uri: null,
  };
}

function twilioError(status: number, code: number, message: string) {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

/** The JSON Twilio answers a create with. */
function messageResource(accountSid: string, message: ReceivedMessage) {
  const now = message.createdAt.toUTCString().replace('GMT', '+0000');
  return {
    account_sid: accountSid,
    api_version: API_VERSION,
    body: message.body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(message.body.length / 160))),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.messagingServiceSid && !message.from ? 'accepted' : 'queued',
    subresource_uris: { media: `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}/Media.json` },
    to: message.to,
    uri: `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}.json`,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

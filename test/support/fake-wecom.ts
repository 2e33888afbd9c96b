import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the parts of WeCom's server API the WeCom channel uses: `GET /cgi-bin/gettoken`
 * and `POST /cgi-bin/externalcontact/add_msg_template`, with WeCom's errcodes. Point WECOM_API_URL at it.
 */
export interface FakeWecom {
  baseUrl: string;
  corpId: string;
  secret: string;
  /** Every message task it created, in order. */
  messages: ReceivedWecomMessage[];
  /** Tokens handed out by gettoken. */
  tokensIssued: number;
  /** Every add_msg_template call that reached it, taken or not. */
  sendAttempts: number;
  /** Every token handed out so far is now expired (answers errcode 42001), as when WeCom drops them early. */
  expireTokens(): void;
  /**
   * Messages to this external contact are refused: with an errcode (40096 invalid external_userid, 84061
   * not a contact), or taken with the contact in `fail_list` (errcode 0), as WeCom does for some.
   */
  refuse(externalUserId: string, how?: { errcode: number } | 'fail_list'): void;
  /** The next `count` sends answer this errcode (default 45009, the API's rate limit). */
  rateLimitNext(count: number, errcode?: number): void;
  /** The next `count` sends answer this HTTP status with no JSON (default 502). */
  failNext(count: number, status?: number): void;
  /** From now on a send is taken but not answered, as when the caller dies meanwhile; `release()` answers them. */
  holdAnswers(): { release(): void };
  close(): Promise<void>;
}

export interface ReceivedWecomMessage {
  msgid: string;
  externalUserId: string;
  sender: string;
  content: string;
  createdAt: Date;
}

const ERRMSG: Record<number, string> = {
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40096: 'invalid external userid',
  42001: 'access_token expired',
  44004: 'empty content',
  45009: 'api freq out of limit',
  84061: 'not external contact',
};

const answer = (res: ServerResponse, body: object) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
};
const error = (res: ServerResponse, errcode: number) => answer(res, { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}, hint: [fake]` });

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

export async function startFakeWecom(): Promise<FakeWecom> {
  const corpId = `ww${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(24).toString('base64url');
  const valid = new Set<string>();
  const expired = new Set<string>();
  const refusals = new Map<string, { errcode: number } | 'fail_list'>();
  let failures: ({ errcode: number } | { status: number })[] = [];
  let held: (() => void)[] | null = null;

  const fake: FakeWecom = {
    baseUrl: '',
    corpId,
    secret,
    messages: [],
    tokensIssued: 0,
    sendAttempts: 0,
    expireTokens() {
      for (const token of valid) expired.add(token);
      valid.clear();
    },
    refuse(externalUserId, how = { errcode: 84061 }) {
      refusals.set(externalUserId, how);
    },
    rateLimitNext(count, errcode = 45009) {
      failures = Array.from({ length: count }, () => ({ errcode }));
    },
    failNext(count, status = 502) {
      failures = Array.from({ length: count }, () => ({ status }));
    },
    holdAnswers() {
      const answers: (() => void)[] = [];
      held = answers;
      return {
        release() {
          held = null;
          for (const release of answers) release();
        },
      };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };

  function getToken(url: URL, res: ServerResponse) {
    if (url.searchParams.get('corpid') !== corpId) return error(res, 40013);
    if (url.searchParams.get('corpsecret') !== secret) return error(res, 40001);
    const token = randomBytes(32).toString('hex');
    valid.add(token);
    fake.tokensIssued++;
    answer(res, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 });
  }

  async function addMsgTemplate(url: URL, req: IncomingMessage, res: ServerResponse) {
    fake.sendAttempts++;
    const token = url.searchParams.get('access_token') ?? '';
    if (!valid.has(token)) return error(res, expired.has(token) ? 42001 : 40014);
    const failure = failures.shift();
    if (failure && 'status' in failure) {
      res.writeHead(failure.status, { 'content-type': 'text/html' });
      return res.end('<html>Bad Gateway</html>');
    }
    if (failure) return error(res, failure.errcode);
    const body = (await readJson(req)) as { chat_type?: unknown; external_userid?: unknown; sender?: unknown; text?: { content?: unknown } } | undefined;
    const ids = body?.external_userid;
    if (body?.chat_type !== 'single' || !Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string' || typeof body.sender !== 'string') return error(res, 40058);
    const content = body.text?.content;
    if (typeof content !== 'string' || !content) return error(res, 44004);
    const externalUserId = ids[0];
    const refusal = refusals.get(externalUserId);
    if (refusal && refusal !== 'fail_list') return error(res, refusal.errcode);
    const msgid = `msg${randomBytes(12).toString('hex')}`;
    if (refusal === 'fail_list') return answer(res, { errcode: 0, errmsg: 'ok', fail_list: [externalUserId], msgid });
    fake.messages.push({ msgid, externalUserId, sender: body.sender, content, createdAt: new Date() });
    const reply = () => answer(res, { errcode: 0, errmsg: 'ok', fail_list: [], msgid });
    if (held) held.push(reply);
    else reply();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (req.method === 'GET' && url.pathname === '/cgi-bin/gettoken') return getToken(url, res);
    if (req.method === 'POST' && url.pathname === '/cgi-bin/externalcontact/add_msg_template') return void addMsgTemplate(url, req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

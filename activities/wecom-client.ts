import { WECOM_API_URL } from '../config/wecom.js';

/** Below the send activity's 30-second start-to-close timeout, so a hung request fails retryably first. */
const REQUEST_TIMEOUT_MS = 15_000;
/** A token is renewed this long before WeCom says it expires, so a send never carries one that lapses on the way. */
const TOKEN_MARGIN_MS = 5 * 60_000;
/** `invalid access_token`, `access_token expired`: WeCom dropped the token early (a new one was fetched elsewhere). */
const STALE_TOKEN = new Set([40014, 42001]);
/**
 * Answers that mean "never, for this message": the external_userid is invalid or not a contact of the
 * sender (40096, 84061), the sender is no member (40003), the text is empty or too long (44004, 45002).
 * Everything else (rate limits 45009/45033, busy -1, credentials, IP allow-list) can pass or be fixed.
 */
const REFUSING = new Set([40096, 84061, 40003, 44004, 45002]);

export interface WecomSettings {
  /** 企业ID (`ww…`). */
  corpId: string;
  /** The secret of the self-built app allowed to use 客户联系. */
  secret: string;
  /** @default https://qyapi.weixin.qq.com */
  apiUrl?: string;
  /** The clock tokens expire by (tests move it). @default Date.now */
  now?: () => number;
}

/** One text message to one external contact, from one staff member. */
export interface WecomText {
  externalUserId: string;
  /** The staff member's userid. */
  sender: string;
  content: string;
}

/** Thrown when WeCom did not take a message: `errcode` is WeCom's answer (absent when it gave none). */
export class WecomError extends Error {
  override name = 'WecomError';
  constructor(
    message: string,
    readonly errcode?: number,
    /** True when WeCom answered, so no task was created and sending again cannot make a second copy. */
    readonly answered = errcode !== undefined,
  ) {
    super(message);
  }

  /** This message will never be taken: sending it again will not help. */
  get refused(): boolean {
    return this.errcode !== undefined && REFUSING.has(this.errcode);
  }
}

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/**
 * WeCom's server API, the parts the WeCom channel uses: an access token (gettoken), cached until shortly
 * before it expires and fetched again once when WeCom calls it stale; and 企业群发 to one external
 * contact (externalcontact/add_msg_template), which hands the message to the staff member to send.
 */
export class WecomClient {
  private readonly baseUrl: string;
  private readonly now: () => number;
  private token: { value: string; renewAt: number } | undefined;
  private fetching: Promise<string> | undefined;

  constructor(private readonly settings: WecomSettings) {
    this.baseUrl = (settings.apiUrl ?? WECOM_API_URL).replace(/\/+$/, '');
    this.now = settings.now ?? Date.now;
  }

  /** Creates the send task for one message and returns its msgid. Throws WecomError when WeCom does not take it. */
  async sendText({ externalUserId, sender, content }: WecomText): Promise<string> {
    const body = { chat_type: 'single', external_userid: [externalUserId], sender, text: { content } };
    const post = async (token: string) => this.call('POST', '/cgi-bin/externalcontact/add_msg_template', { access_token: token }, body);
    let answer = await post(await this.accessToken());
    if (STALE_TOKEN.has(answer.errcode ?? 0)) {
      this.token = undefined;
      answer = await post(await this.accessToken());
    }
    if (answer.errcode) throw new WecomError(`WeCom did not take the message: ${describe(answer)}`, answer.errcode);
    const failed = Array.isArray(answer.fail_list) && answer.fail_list.includes(externalUserId);
    // WeCom lists the contacts it cannot send to (not the sender's contact, gone) with errcode 0.
    if (failed) throw new WecomError(`WeCom cannot send to external contact "${externalUserId}" from "${sender}" (fail_list)`, 84061);
    if (typeof answer.msgid !== 'string') throw new WecomError('WeCom answered without a msgid', undefined, false);
    return answer.msgid;
  }

  /** The cached token, or a new one; concurrent callers share one gettoken call. */
  async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.fetching ??= this.fetchToken().finally(() => (this.fetching = undefined));
    return this.fetching;
  }

  private async fetchToken(): Promise<string> {
    const answer = await this.call('GET', '/cgi-bin/gettoken', { corpid: this.settings.corpId, corpsecret: this.settings.secret });
    if (answer.errcode || typeof answer.access_token !== 'string') throw new WecomError(`WeCom gave no access token: ${describe(answer)}`, answer.errcode ?? undefined, true);
    const lifetimeMs = (typeof answer.expires_in === 'number' ? answer.expires_in : 7200) * 1000;
    this.token = { value: answer.access_token, renewAt: this.now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS) };
    return this.token.value;
  }

  /** One call; a network failure, a timeout or a non-2xx answer throws a WecomError without errcode (retryable). */
  private async call(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<WecomAnswer> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query).toString()}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause;
      // Refused before anything was sent: certainly nothing was taken.
      throw new WecomError(`WeCom could not be reached (${path}): ${(error as Error).message}`, undefined, cause?.code === 'ECONNREFUSED');
    }
    const text = await response.text();
    if (!response.ok) throw new WecomError(`WeCom answered HTTP ${response.status} (${path})`, undefined, false);
    try {
      return JSON.parse(text) as WecomAnswer;
    } catch {
      throw new WecomError(`WeCom answered something not JSON (${path}, HTTP ${response.status})`, undefined, false);
    }
  }
}

const describe = ({ errcode, errmsg }: WecomAnswer) => `${errmsg ?? 'no errmsg'} (errcode ${errcode ?? 'none'})`;

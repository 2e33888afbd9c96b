import { z } from 'zod';
import { wecomUserIdSchema } from '../domain/wecom-contact.js';

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** The settings of the WeCom (企业微信) channel; config/env.ts validates them with every other setting. */
export const wecomFields = {
  /** The corp ID (企业ID, `ww…`): with WECOM_SECRET and WECOM_SENDER set, WeCom messages are sent; without them they stay in the outbox. */
  WECOM_CORP_ID: optional(z.string().regex(/^[A-Za-z0-9]{6,64}$/, 'a WeCom corp ID like "ww68a125fce698cb59"')),
  /** The secret of the self-built app allowed to use 客户联系 (customer contact): it gets the access token. */
  WECOM_SECRET: optional(z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, "the app's secret: 16 or more letters, digits, _ and -")),
  /** The staff member (userid) who sends to customers whose profile names no sender of their own. */
  WECOM_SENDER: optional(wecomUserIdSchema),
  /** For tests and proxies: where WeCom's server API is. @default https://qyapi.weixin.qq.com */
  WECOM_API_URL: optional(z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })),
  /** WeCom messages per second handed to WeCom, across all workers (a Temporal task-queue rate limit). */
  TIDEWAY_WECOM_PER_SECOND: z.coerce.number().positive().max(10_000).default(5),
};

/** WeCom's server API. */
export const WECOM_API_URL = 'https://qyapi.weixin.qq.com';

type WecomSettings = Partial<Record<'WECOM_CORP_ID' | 'WECOM_SECRET' | 'WECOM_SENDER' | 'WECOM_API_URL', string>>;

/** WeCom is all or nothing: a half-configured corp would quietly keep every message in the outbox. */
export function checkWecom({ WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_SENDER: sender, WECOM_API_URL: apiUrl }: WecomSettings, ctx: z.RefinementCtx): void {
  if (!corpId && !secret && !sender && !apiUrl) return;
  const flag = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  const given = Object.entries({ WECOM_CORP_ID: corpId, WECOM_SECRET: secret, WECOM_SENDER: sender, WECOM_API_URL: apiUrl }).find(([, value]) => value)![0];
  if (!corpId) flag('WECOM_CORP_ID', `required (with WECOM_SECRET and WECOM_SENDER) when ${given} is set`);
  if (!secret) flag('WECOM_SECRET', `required (with WECOM_CORP_ID and WECOM_SENDER) when ${given} is set`);
  if (!sender) flag('WECOM_SENDER', `required (with WECOM_CORP_ID and WECOM_SECRET) when ${given} is set: the staff member who sends to customers without one of their own`);
}

import { z } from 'zod';
import { adminKeysSetting, apiKeysOf, keyClash, namedKeysSetting } from './api-keys.js';
import { linksSetting } from './links.js';
import { logFields } from './logger.js';
import { metricsFields } from './metrics-settings.js';
import { checkTemporalConnection, temporalConnectionFields } from './temporal-connection.js';
import { tracingFields } from './tracing-settings.js';
import { checkWecom, wecomFields } from './wecom.js';

const port = z.coerce.number().int().min(1).max(65535);
/** An optional setting; an empty value (`TWILIO_FROM=` in a .env file or compose) counts as unset. */
const optionalSetting = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

/** Every setting Tideway reads from the environment, with its default. */
export const configFields = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** Comma-separated admin keys (the API needs one key, here or in TIDEWAY_API_KEYS; the worker none). */
  TIDEWAY_API_KEY: adminKeysSetting,
  /** Named keys with a role each: `{"shop":{"key":"…","role":"agent"}}`. */
  TIDEWAY_API_KEYS: namedKeysSetting,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('tideway'),
  /** The Temporal Web UI, for links to a run's history (`<url>/namespaces/<ns>/workflows/<id>/<runId>/history`); the embedded stack's is on Temporal's port + 1000. */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).default('http://localhost:8233'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URI').default('mongodb://127.0.0.1:27017/tideway'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Tideway <hello@tideway.local>'),
  TIDEWAY_BRAND: z.string().min(1).default('Tideway'),
  /** Where people and Twilio reach the API (unsubscribe links, status callbacks); unset, where it listens: {@link listenUrl}. */
  TIDEWAY_PUBLIC_URL: optionalSetting(z.url()),
  /** The pages messages link to, by name (handbook, survey, coupon, app pages…), as JSON: `{"handbook":"https://…"}`. */
  TIDEWAY_LINKS: linksSetting,
  /** JSON object of named endpoints journeys' webhook steps may call: `{"crm":"https://…"}`. */
  TIDEWAY_WEBHOOKS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'a JSON object like {"crm":"https://crm.example.com/hook"}' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.url())),
  /** Every stage change is POSTed here, signed like the webhooks and retried until taken; unset pushes nothing. */
  TIDEWAY_CRM_STAGE_WEBHOOK: optionalSetting(z.url()),
  /** Emails per second handed to the SMTP relay, across all workers (a Temporal task-queue rate limit). */
  TIDEWAY_EMAIL_PER_SECOND: z.coerce.number().positive().max(10_000).default(10),
  /** SMS per second handed to Twilio, across all workers: 1 is what one long-code number sends. */
  TIDEWAY_SMS_PER_SECOND: z.coerce.number().positive().max(10_000).default(1),
  /**
   * Workflows the worker keeps in memory between tasks (least recently used go first and are replayed
   * when they wake). It bounds the worker's memory with many live customers.
   */
  TIDEWAY_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).default(1_000),
  /** Workflow tasks the worker runs at once (each takes a slot of the workflow thread pool). */
  TIDEWAY_WORKER_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(1_000).default(40),
  /** Activities (regular and local) the worker runs at once, each: the store and the providers see at most this many calls from it. */
  TIDEWAY_WORKER_ACTIVITIES: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Quiet hours and frequency caps for marketing sends; config/send-policy.json when unset. */
  TIDEWAY_SEND_POLICY: z.string().min(1).optional(),
  /** The health model file (weights and decay); the one in config/ when unset. */
  TIDEWAY_HEALTH_MODEL: z.string().min(1).optional(),
  /** The custom attributes customers may carry, with their types; config/customer-attributes.json when unset. */
  TIDEWAY_CUSTOMER_ATTRIBUTES: z.string().min(1).optional(),
  /** The task routing rules file (which team, assignee and priority a task gets); the one in config/ when unset. */
  TIDEWAY_TASK_ROUTING: z.string().min(1).optional(),
  /** Signs every webhook call (HMAC-SHA256); required once a webhook is configured. */
  TIDEWAY_WEBHOOK_SECRET: optionalSetting(z.string().min(16, 'at least 16 characters')),
  /** Checks the signature (HMAC-SHA256) of bounces and complaints posted to /v1/webhooks/email/feedback; unset, that route is 404. */
  TIDEWAY_EMAIL_FEEDBACK_SECRET: optionalSetting(z.string().min(16, 'at least 16 characters')),
  /** Signs unsubscribe, click and open links (HMAC-SHA256); unset, a secret made once and kept in the store. Changing it breaks the links already sent. */
  TIDEWAY_UNSUBSCRIBE_SECRET: optionalSetting(z.string().min(16, 'at least 16 characters')),
  /** SMS through Twilio: with the SID and token (and a sender) set, SMS are sent; without them they stay in the outbox. */
  TWILIO_ACCOUNT_SID: optionalSetting(z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio account SID: AC followed by 32 hex characters')),
  /** The account's auth token: authenticates sends and checks the signature of Twilio's status callbacks and incoming messages. */
  TWILIO_AUTH_TOKEN: optionalSetting(z.string().regex(/^[0-9a-fA-F]{32}$/, "the account's auth token: 32 hex characters")),
  /** The sender: an E.164 number, a short code or an alphanumeric sender ID. */
  TWILIO_FROM: optionalSetting(
    z.string().regex(/^(\+[1-9]\d{6,14}|\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/, 'an E.164 number like +15005550006, a short code or an alphanumeric sender ID (up to 11 characters)'),
  ),
  /** A Messaging Service that picks the sender, instead of TWILIO_FROM. */
  TWILIO_MESSAGING_SERVICE_SID: optionalSetting(z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID: MG followed by 32 hex characters')),
  /** For tests and self-hosted proxies: the SDK's requests for https://api.twilio.com go here instead. */
  TWILIO_API_BASE_URL: optionalSetting(z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' })),
  ...logFields,
  ...metricsFields,
  ...tracingFields,
  ...temporalConnectionFields,
  ...wecomFields,
});

/** Every setting, with the rules that tie settings together. */
export const configSchema = configFields.superRefine((config, ctx) => {
  if (Object.keys(config.TIDEWAY_WEBHOOKS).length > 0 && !config.TIDEWAY_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TIDEWAY_WEBHOOK_SECRET'], message: 'required when TIDEWAY_WEBHOOKS names an endpoint' });
  }
  if (config.TIDEWAY_CRM_STAGE_WEBHOOK && !config.TIDEWAY_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TIDEWAY_WEBHOOK_SECRET'], message: 'required when TIDEWAY_CRM_STAGE_WEBHOOK is set' });
  }
  const clash = keyClash(apiKeysOf(config.TIDEWAY_API_KEY, config.TIDEWAY_API_KEYS));
  if (clash) ctx.addIssue({ code: 'custom', path: ['TIDEWAY_API_KEYS'], message: clash });
  checkTwilio(config, ctx);
  checkWecom(config, ctx);
  checkTemporalConnection(config, ctx);
}).transform((config) => ({
  ...config,
  TIDEWAY_PUBLIC_URL: config.TIDEWAY_PUBLIC_URL ?? listenUrl(config.HOST, config.PORT),
  /** Every API key with its name and role, from TIDEWAY_API_KEY (admins) and TIDEWAY_API_KEYS. */
  apiKeys: apiKeysOf(config.TIDEWAY_API_KEY, config.TIDEWAY_API_KEYS),
}));

/**
 * The URL of an API listening on `host`:`port`; a wildcard host (`0.0.0.0`, `::`) means this machine.
 * @example listenUrl('127.0.0.1', 4000) // 'http://127.0.0.1:4000'
 */
export function listenUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}`;
}

/** Twilio is all or nothing: a half-configured account would quietly keep every SMS in the outbox. */
function checkTwilio(config: z.infer<typeof configFields>, ctx: z.RefinementCtx): void {
  const { TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: token, TWILIO_FROM: from, TWILIO_MESSAGING_SERVICE_SID: service, TWILIO_API_BASE_URL: baseUrl } = config;
  const flag = (name: string, message: string) => ctx.addIssue({ code: 'custom', path: [name], message });
  if (!sid && !token) {
    const stray = Object.entries({ TWILIO_FROM: from, TWILIO_MESSAGING_SERVICE_SID: service, TWILIO_API_BASE_URL: baseUrl }).find(([, value]) => value);
    if (stray) flag('TWILIO_ACCOUNT_SID', `required (with TWILIO_AUTH_TOKEN) when ${stray[0]} is set`);
    return;
  }
  if (!sid) flag('TWILIO_ACCOUNT_SID', 'required when TWILIO_AUTH_TOKEN is set');
  if (!token) flag('TWILIO_AUTH_TOKEN', 'required when TWILIO_ACCOUNT_SID is set');
  if (!from && !service) flag('TWILIO_FROM', 'set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID to send SMS through Twilio');
  if (from && service) flag('TWILIO_MESSAGING_SERVICE_SID', 'set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID, not both');
}

export type Config = z.infer<typeof configSchema>;

/** Parses the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

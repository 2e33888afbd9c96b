import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting Tideway reads from the environment, with its default. */
export const configFields = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  /** Comma-separated; any one of them opens the API (required by the API, not by the worker). */
  TIDEWAY_API_KEY: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((key) => key.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(16, 'each API key needs at least 16 characters'))),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('tideway'),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URI').default('mongodb://127.0.0.1:27017/tideway'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Tideway <hello@tideway.local>'),
  TIDEWAY_BRAND: z.string().min(1).default('Tideway'),
  TIDEWAY_PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
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
  TIDEWAY_CRM_STAGE_WEBHOOK: z.url().optional(),
  /** The health model file (weights and decay); the one in config/ when unset. */
  TIDEWAY_HEALTH_MODEL: z.string().min(1).optional(),
  /** Signs every webhook call (HMAC-SHA256); required once a webhook is configured. */
  TIDEWAY_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
});

/** Every setting, with the rules that tie settings together. */
export const configSchema = configFields.superRefine((config, ctx) => {
  if (Object.keys(config.TIDEWAY_WEBHOOKS).length > 0 && !config.TIDEWAY_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TIDEWAY_WEBHOOK_SECRET'], message: 'required when TIDEWAY_WEBHOOKS names an endpoint' });
  }
  if (config.TIDEWAY_CRM_STAGE_WEBHOOK && !config.TIDEWAY_WEBHOOK_SECRET) {
    ctx.addIssue({ code: 'custom', path: ['TIDEWAY_WEBHOOK_SECRET'], message: 'required when TIDEWAY_CRM_STAGE_WEBHOOK is set' });
  }
});

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

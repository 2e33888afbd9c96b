/**
 * The one logger of the API, the worker and the CLIs: pino, one JSON object a line (what log shippers
 * read), or pino-pretty's coloured lines in a terminal during development. Personal data and secrets are
 * redacted by key and scrubbed out of text before a line is written (see log-redaction.ts).
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import { z } from 'zod';
import { REDACT_PATHS, REDACTED, scrubText, scrubValue } from './log-redaction.js';
import { currentRequestId } from './request-context.js';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The settings of the logger; config/env.ts validates them with every other setting. */
export const logFields = {
  /** The lowest level written: fatal, error, warn, info, debug, trace or silent. @default 'info' */
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  /** `json` (one object a line) or `pretty` (pino-pretty, development only). @default json, pretty in a terminal outside production */
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'json or pretty' }).optional(),
};

export interface LoggerOptions {
  level?: (typeof LOG_LEVELS)[number];
  /** Where lines go; stdout when unset. Tests pass a stream to read them. */
  destination?: DestinationStream;
}

/** A logger that redacts; `destination` lets a test read its lines. */
export function createLogger({ level = 'info', destination }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, service: serviceName() },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      // The request being served, on every line written while serving it.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg));
          // `log.error(err)` takes its message from the error, after this hook: give it the scrubbed one.
          if (scrubbed.length === 1 && args[0] instanceof Error) scrubbed.push(scrubText(args[0].message));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ fd: 1, sync: true }),
  );
}

/** `api`, `worker` or the CLI's name: which process wrote a line, when several share a log. */
function serviceName(): string {
  const entry = process.argv[1] ?? '';
  const match = /(api|worker|cli)[/\\]([\w-]+)\.[cm]?[jt]s$/.exec(entry);
  if (!match) return 'tideway';
  return match[1] === 'cli' ? match[2]! : match[1]!;
}

/** The settings from the environment; a bad value stops start-up naming the variable. */
function settings(env: NodeJS.ProcessEnv): { level: LoggerOptions['level']; pretty: boolean } {
  const parsed = z.object(logFields).safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const { LOG_LEVEL, LOG_FORMAT } = parsed.data;
  const production = env.NODE_ENV === 'production';
  return { level: LOG_LEVEL, pretty: LOG_FORMAT ? LOG_FORMAT === 'pretty' : !production && process.stdout.isTTY === true };
}

/** pino-pretty is a development dependency: without it (a production install), lines stay JSON. */
async function prettyStream(): Promise<DestinationStream | undefined> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({ colorize: true, sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' });
  } catch {
    return undefined;
  }
}

const { level, pretty } = settings(process.env);
/** The process's logger. */
export const logger: Logger = createLogger({ level, destination: pretty ? await prettyStream() : undefined });

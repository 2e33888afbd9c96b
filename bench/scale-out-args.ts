/** The options of `npm run bench:scale-out -- --workers 3 --events 450`. */
import { parseArgs } from 'node:util';
import { wholeNumber } from './args.js';

export interface ScaleOutOptions {
  workers: number;
  events: number;
  emailPerSecond: number;
  /** Percent of the emails in the sink when one worker is killed. */
  killAtPercent: number;
  clients: number;
  timeoutS: number;
  namespace: string;
  taskQueue: string;
  out: string;
}

const HELP = `npm run bench:scale-out -- [options]
  --workers N           worker processes on the one task queue (default 3)
  --events N            fresh customers, one customer.registered each = one welcome email each (default 450)
  --email-per-second N  TIDEWAY_EMAIL_PER_SECOND of every worker: the email task queue's limit (default 20)
  --kill-at P           kill -9 one worker once P % of the emails are in the mail sink (default 30; 0: no kill)
  --clients N           concurrent clients sending the events (default 16)
  --timeout S           longest wait for the emails after the burst (default 300)
  --out DIR             where the JSON and the logs go (default bench/results)`;

export function parseScaleOutArgs(argv: string[]): ScaleOutOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: 'string' }, events: { type: 'string' }, 'email-per-second': { type: 'string' }, 'kill-at': { type: 'string' },
      clients: { type: 'string' }, timeout: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = (name: keyof typeof values, fallback: number, min: number, max: number) => wholeNumber(values[name], name, fallback, min, max);
  return {
    workers: int('workers', 3, 2, 16),
    events: int('events', 450, 1, 100_000),
    emailPerSecond: int('email-per-second', 20, 1, 10_000),
    killAtPercent: int('kill-at', 30, 0, 99),
    clients: int('clients', 16, 1, 1_000),
    timeoutS: int('timeout', 300, 10, 7_200),
    namespace: 'default',
    taskQueue: 'tideway',
    out: values.out ?? 'bench/results',
  };
}

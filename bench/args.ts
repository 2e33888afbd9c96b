/** The bench's command-line options (`npm run bench -- --rounds 1 --events 100`). */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  rounds: number;
  events: number;
  clients: number;
  batchSize: number;
  burstClients: number;
  emailCustomers: number;
  burst: number;
  historySample: number;
  live: number;
  applyTimeoutS: number;
  emailPerSecond: number;
  /** Attach to a running stack instead of starting one: all four are needed. */
  attach?: { api: string; key: string; temporal: string; mail: string; workerPid?: number };
  namespace: string;
  taskQueue: string;
  out: string;
}

const HELP = `npm run bench -- [options]
  --rounds N            alternating rounds of raw / POST /v1/events / batch (default 3)
  --events N            events (fresh customers) per round (default 300)
  --clients N           concurrent clients of the closed-loop load (default 16)
  --batch-size N        events per POST /v1/events:batch request (default 100)
  --burst-clients N     clients of the one overload round on POST /v1/events (default 64)
  --email-customers N   customers with email + consent per email-latency phase, one event at a time (default 50)
  --burst N             events to one customer for history per event (default 200)
  --history-sample N    lifecycles sampled for history per event (default 20)
  --live N              then create N live lifecycles and read the worker's RSS (default 0: skip)
  --apply-timeout S     longest wait for each milestone (sent, applied, welcome settled, email) (default 300)
  --email-per-second N  TIDEWAY_EMAIL_PER_SECOND of the worker the bench starts (default 1000)
  --api URL --key KEY --temporal HOST:PORT --mail URL [--worker-pid PID]
                        use a running stack (all four), instead of starting one
  --namespace NS --task-queue Q   (default: default, tideway)
  --out DIR             where the JSON goes (default bench/results)`;

/** The value of option `--name` as a whole number in [min, max], or `fallback` when it was not given. */
export function wholeNumber(raw: string | boolean | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name}: a whole number from ${min} to ${max}, not ${String(raw)}`);
  return n;
}

const LOCAL = /^(https?:\/\/)?(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/.*)?$/;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      rounds: { type: 'string' }, events: { type: 'string' }, clients: { type: 'string' }, 'batch-size': { type: 'string' },
      'burst-clients': { type: 'string' }, 'email-customers': { type: 'string' },
      burst: { type: 'string' }, 'history-sample': { type: 'string' }, live: { type: 'string' },
      'apply-timeout': { type: 'string' }, 'email-per-second': { type: 'string' },
      api: { type: 'string' }, key: { type: 'string' }, temporal: { type: 'string' }, mail: { type: 'string' },
      'worker-pid': { type: 'string' }, namespace: { type: 'string' }, 'task-queue': { type: 'string' },
      out: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const int = (name: keyof typeof values, fallback: number, min: number, max: number): number => wholeNumber(values[name], name, fallback, min, max);
  const given = [values.api, values.key, values.temporal, values.mail].filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 4) throw new Error('--api, --key, --temporal and --mail go together (or none: the bench starts its own stack)');
  for (const url of [values.api, values.temporal, values.mail]) {
    if (url !== undefined && !LOCAL.test(url)) throw new Error(`the bench only sends traffic to this machine (127.0.0.1): ${url}`);
  }
  return {
    rounds: int('rounds', 3, 1, 50),
    events: int('events', 300, 1, 100_000),
    clients: int('clients', 16, 1, 1_000),
    batchSize: int('batch-size', 100, 1, 500),
    burstClients: int('burst-clients', 64, 1, 1_000),
    emailCustomers: int('email-customers', 50, 0, 10_000),
    burst: int('burst', 200, 0, 10_000),
    historySample: int('history-sample', 20, 0, 1_000),
    live: int('live', 0, 0, 1_000_000),
    applyTimeoutS: int('apply-timeout', 300, 5, 7_200),
    emailPerSecond: int('email-per-second', 1000, 1, 10_000),
    attach: given === 4
      ? { api: values.api!.replace(/\/$/, ''), key: values.key!, temporal: values.temporal!, mail: values.mail!.replace(/\/$/, ''), workerPid: values['worker-pid'] ? int('worker-pid', 0, 1, 2 ** 31) : undefined }
      : undefined,
    namespace: values.namespace ?? 'default',
    taskQueue: values['task-queue'] ?? 'tideway',
    out: values.out ?? 'bench/results',
  };
}

/**
 * Starts the Temporal CLI dev server (`temporal server start-dev`): frontend gRPC, the Web UI
 * on port+1000 unless headless, SQLite persistence when given a file, and Tideway's search
 * attributes registered (also on an existing database file).
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { assertPortFree, freePort, isPortFree } from './ports.js';
import { defaultLogFile, startProcess, type ProcessExit } from './process.js';
import { tcpAccepts, waitUntilReady } from './readiness.js';
import { SEARCH_ATTRIBUTES, type SearchAttributeType } from './search-attributes.js';
import { ensureTool } from './tools.js';

const run = promisify(execFile);

/** Options of {@link startTemporalServer}; all optional. */
export interface TemporalServerOptions {
  /** The `temporal` executable (default: `ensureTool('temporal')`). */
  bin?: string;
  /** Address to bind (default `127.0.0.1`). */
  host?: string;
  /** Frontend gRPC port (default: a free port). */
  port?: number;
  /** Web UI port (default: port+1000, or a free port if that is taken). Ignored when headless. */
  uiPort?: number;
  /** No Web UI (for tests). */
  headless?: boolean;
  /** SQLite file to keep state in across restarts (default: in memory). */
  dbFile?: string;
  /** Namespace to create (default `default`). */
  namespace?: string;
  /** Search attributes to register (default: Tideway's). */
  searchAttributes?: Record<string, SearchAttributeType>;
  /** Server output goes here (default: `<tmpdir>/tideway/temporal-<port>.log`). */
  logFile?: string;
  /** How long to wait for readiness (default 60 s). */
  timeoutMs?: number;
}

/** A running dev server. */
export interface TemporalServer {
  /** `host:port` of the frontend, for `Connection.connect({ address })`. */
  address: string;
  port: number;
  namespace: string;
  /** The Web UI, unless headless. */
  uiUrl?: string;
  logFile: string;
  /** Resolves when the server process ends, stopped or not. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

/** Starts a dev server and resolves once its namespace answers and search attributes exist. */
export async function startTemporalServer(opts: TemporalServerOptions = {}): Promise<TemporalServer> {
  const bin = opts.bin ?? (await ensureTool('temporal')).path;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  await assertPortFree(port, host, 'temporal');
  const namespace = opts.namespace ?? 'default';
  const attributes = opts.searchAttributes ?? SEARCH_ATTRIBUTES;
  const address = `${host}:${port}`;
  const args = ['server', 'start-dev', '--ip', host, '--port', String(port), '--namespace', namespace, '--log-level', 'warn'];
  let uiPort: number | undefined;
  if (opts.headless) args.push('--headless');
  else {
    uiPort = opts.uiPort ?? ((await isPortFree(port + 1000, host)) ? port + 1000 : await freePort(host));
    await assertPortFree(uiPort, host, 'temporal UI');
    args.push('--ui-port', String(uiPort));
  }
  if (opts.dbFile) {
    mkdirSync(path.dirname(path.resolve(opts.dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(opts.dbFile));
  }
  for (const [name, type] of Object.entries(attributes)) args.push('--search-attribute', `${name}=${type}`);

  const proc = startProcess({ name: 'temporal', command: bin, args, logFile: opts.logFile ?? defaultLogFile('temporal', port) });
  const cli = (...more: string[]) => run(bin, [...more, '--address', address], { timeout: 10_000 });
  const timeoutMs = opts.timeoutMs ?? 60_000;
  await waitUntilReady(proc, `gRPC on ${address}`, () => tcpAccepts(host, port), { timeoutMs });
  await waitUntilReady(proc, `namespace ${namespace}`, async () => {
    await cli('operator', 'namespace', 'describe', '-n', namespace);
    return true;
  }, { timeoutMs, intervalMs: 250 });
  try {
    await ensureSearchAttributes(cli, namespace, attributes);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return {
    address,
    port,
    namespace,
    uiUrl: uiPort === undefined ? undefined : `http://${host}:${uiPort}`,
    logFile: proc.logFile,
    exited: proc.exited,
    stop: () => proc.stop(),
  };
}

type Cli = (...args: string[]) => Promise<{ stdout: string }>;

/** Creates the attributes the namespace lacks (the start flag skips them on an existing DB file). */
async function ensureSearchAttributes(cli: Cli, namespace: string, wanted: Record<string, SearchAttributeType>): Promise<void> {
  const { stdout } = await cli('operator', 'search-attribute', 'list', '-n', namespace, '-o', 'json');
  const existing = (JSON.parse(stdout) as { customAttributes?: Record<string, string> }).customAttributes ?? {};
  for (const [name, type] of Object.entries(wanted)) {
    if (name in existing) continue;
    // One call per attribute: CLI v1.5.1 pairs each --name with its own --type.
    try {
      await cli('operator', 'search-attribute', 'create', '-n', namespace, '--name', name, '--type', type);
    } catch (err) {
      if (!/already exists/i.test(String((err as { stderr?: string }).stderr ?? err))) throw err;
    }
  }
}

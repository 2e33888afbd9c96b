/**
 * Starts our embedded FerretDB (MongoDB wire protocol on SQLite, built from `stack/ferretdb/`).
 */
import path from 'node:path';
import { assertPortFree, freePort } from './ports.js';
import { defaultLogFile, startProcess, type ProcessExit } from './process.js';
import { tcpAccepts, waitUntilReady } from './readiness.js';
import { makeTempDir } from './temp-dir.js';
import { ensureTool } from './tools.js';

/** Options of {@link startFerretDb}; all optional. */
export interface FerretDbOptions {
  /** The ferretdb executable (default: `ensureTool('ferretdb')`). */
  bin?: string;
  /** Address to bind (default `127.0.0.1`). */
  host?: string;
  /** Port (default: a free port). */
  port?: number;
  /** Folder of the SQLite files, kept across restarts (default: a temp folder deleted on stop). */
  dataDir?: string;
  /** Database name put in `mongodbUri` (default `tideway`). */
  database?: string;
  /** `debug`, `info`, `warn` (default) or `error`. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Server output goes here (default: `<tmpdir>/tideway/ferretdb-<port>.log`). */
  logFile?: string;
  /** How long to wait for the port (default 30 s). */
  timeoutMs?: number;
}

/** A running FerretDB. */
export interface FerretDbServer {
  port: number;
  /** `mongodb://host:port/<database>`, for mongoose or the mongodb driver. */
  mongodbUri: string;
  dataDir: string;
  logFile: string;
  /** Resolves when the server process ends, stopped or not. */
  exited: Promise<ProcessExit>;
  stop(): Promise<void>;
}

/** Starts FerretDB and resolves once it accepts connections. */
export async function startFerretDb(opts: FerretDbOptions = {}): Promise<FerretDbServer> {
  const bin = opts.bin ?? (await ensureTool('ferretdb')).path;
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort(host));
  await assertPortFree(port, host, 'ferretdb');
  const temp = opts.dataDir === undefined ? makeTempDir('tideway-ferretdb-') : undefined;
  const dataDir = temp ? temp.path : path.resolve(opts.dataDir ?? '.');
  const proc = startProcess({
    name: 'ferretdb',
    command: bin,
    args: ['-listen', `${host}:${port}`, '-data', dataDir, '-log-level', opts.logLevel ?? 'warn'],
    logFile: opts.logFile ?? defaultLogFile('ferretdb', port),
  });
  try {
    await waitUntilReady(proc, `connections on ${host}:${port}`, () => tcpAccepts(host, port), {
      timeoutMs: opts.timeoutMs,
    });
  } catch (err) {
    temp?.remove();
    throw err;
  }
  return {
    port,
    mongodbUri: `mongodb://${host}:${port}/${opts.database ?? 'tideway'}`,
    dataDir,
    logFile: proc.logFile,
    exited: proc.exited,
    stop: async () => {
      await proc.stop();
      temp?.remove();
    },
  };
}

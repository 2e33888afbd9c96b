/**
 * Schemathesis (https://schemathesis.readthedocs.io), the property-based API fuzzer, from PyPI into a
 * venv in the tool cache (`<cache>/schemathesis-<version>/`, built once like the stack's tools), and a
 * bounded run of it against a running API.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBuildStep } from '../../stack/build-step.js';
import { buildOnce, cacheRoot } from '../../stack/cache.js';
import { trackChild } from '../../stack/process.js';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** Our settings: which statuses count as server errors. */
const CONFIG_FILE = fileURLToPath(new URL('schemathesis.toml', import.meta.url));

/** The venv's python, with schemathesis installed (`python3 -m venv` + pip the first time). */
export async function ensureSchemathesis(log: (line: string) => void): Promise<string> {
  const dir = path.join(cacheRoot(), `schemathesis-${SCHEMATHESIS_VERSION}`);
  const step = { label: 'schemathesis', log, missingHint: 'install Python 3.9+ with the venv module (python3-venv)' };
  await buildOnce(
    dir,
    async (tmp) => {
      log(`schemathesis: installing ${SCHEMATHESIS_VERSION} from PyPI into ${dir}`);
      await runBuildStep('python3', ['-m', 'venv', tmp], step);
      await runBuildStep(path.join(tmp, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], step);
    },
    log,
  );
  // Run as `python -m`: the venv's scripts name the temp folder it was built in.
  return path.join(dir, 'bin', 'python');
}

export interface FuzzOptions {
  python: string;
  /** The API's base URL; its OpenAPI document is `<baseUrl>/openapi.json`. */
  baseUrl: string;
  apiKey: string;
  checks: string[];
  maxExamples: number;
  /** Schemathesis's own time budget. */
  maxTimeSeconds: number;
  /** The run is killed after this long, whatever it is doing. */
  hardTimeoutMs: number;
  seed?: number;
  extraArgs?: string[];
}

export interface FuzzResult {
  exitCode: number | null;
  timedOut: boolean;
  output: string;
}

/** Runs `schemathesis run` with our settings and collects its output; exit code 0 means no check failed. */
export function runSchemathesis(opts: FuzzOptions): Promise<FuzzResult> {
  const args = [
    '-m',
    'schemathesis.cli',
    '--config-file',
    CONFIG_FILE,
    '--no-color',
    'run',
    `${opts.baseUrl}/openapi.json`,
    '--url',
    opts.baseUrl,
    '--header',
    `Authorization: Bearer ${opts.apiKey}`,
    '--checks',
    opts.checks.join(','),
    '--max-examples',
    String(opts.maxExamples),
    '--max-time',
    String(opts.maxTimeSeconds),
    '--request-timeout',
    '20',
    ...(opts.seed === undefined ? [] : ['--seed', String(opts.seed)]),
    ...(opts.extraArgs ?? []),
  ];
  return new Promise((resolve, reject) => {
    // Schemathesis keeps what it found in `.schemathesis/` (replayed first next time): in the cache, not the repo.
    const cwd = path.join(cacheRoot(), 'schemathesis-state');
    mkdirSync(cwd, { recursive: true });
    const child = spawn(opts.python, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    trackChild(child);
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.hardTimeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, timedOut, output });
    });
  });
}

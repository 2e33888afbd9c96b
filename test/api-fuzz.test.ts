import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY } from './support/api-harness.js';
import { type FuzzStack, startFuzzStack } from './support/fuzz-stack.js';
import { ensureSchemathesis, runSchemathesis } from './support/schemathesis.js';

/**
 * Schemathesis generates requests from `/openapi.json` (valid and invalid ones) and sends them to the
 * API and worker processes: no answer may be a 5xx (but a 503: a dependency missed its deadline), and
 * every answer must have a documented status, content type and schema. About four minutes; the first
 * run installs schemathesis into the tool cache. `TIDEWAY_FUZZ_SECONDS` (default 150) sets its budget,
 * `TIDEWAY_FUZZ_SEED` replays a run's seed.
 */
const budgetSeconds = Number(process.env.TIDEWAY_FUZZ_SECONDS ?? 150);
const seed = process.env.TIDEWAY_FUZZ_SEED ? Number(process.env.TIDEWAY_FUZZ_SEED) : undefined;

let stack: FuzzStack;
let python: string;

beforeAll(async () => {
  [stack, python] = await Promise.all([startFuzzStack(`fuzz-${Date.now().toString(36)}`), ensureSchemathesis((line) => console.log(line))]);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the API under schemathesis', () => {
  it('answers every generated request without a server error, as documented', async () => {
    const result = await runSchemathesis({
      python,
      baseUrl: stack.baseUrl,
      apiKey: API_KEY,
      checks: ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'],
      maxExamples: 25,
      maxTimeSeconds: budgetSeconds,
      hardTimeoutMs: (budgetSeconds + 50) * 1000,
      seed,
    });
    const failed = result.timedOut || result.exitCode !== 0;
    // On failure: the failures (each with a curl that reproduces it) and the totals. On success only the
    // counts, so schemathesis's pytest-style "=== N warnings in Ns ===" never closes the CI log.
    if (failed) {
      const report = result.output.slice(Math.max(0, result.output.search(/^=+ (FAILURES|WARNINGS|SUMMARY) =+$/m)));
      console.log(report.length > 20_000 ? `…${report.slice(-20_000)}` : report);
    } else {
      const cases = result.output.match(/^\s*(\d+) generated/m)?.[1] ?? '?';
      console.log(`schemathesis sent ${cases} generated requests, none refused by a check (${result.output.match(/^Seed: \d+/m)?.[0] ?? 'no seed printed'})`);
    }
    const serverErrors = (await readFile(stack.apiLog, 'utf8')).split('\n').filter(isErrorLine);
    if (serverErrors.length > 0) console.log(`${stack.apiLog}:\n${serverErrors.join('\n')}`);
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(0);
  }, (budgetSeconds + 90) * 1000);
});

/** A JSON log line at pino's error level or above (a 500's line). */
function isErrorLine(line: string): boolean {
  try {
    return (JSON.parse(line) as { level?: number }).level! >= 50;
  } catch {
    return false;
  }
}

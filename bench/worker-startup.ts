/**
 * `npx tsx bench/worker-startup.ts [rounds=3]`: the worker's start-up time, process start to polling,
 * from the build (`node dist/worker/main.js`, the prebuilt workflow bundle) against the source
 * (`tsx worker/main.ts`, bundling at start), side by side against one embedded Temporal and FerretDB.
 * Run `npm run build` first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFerretDb } from '../stack/ferretdb-server.js';
import { startProcess } from '../stack/process.js';
import { waitUntilReady } from '../stack/readiness.js';
import { makeTempDir } from '../stack/temp-dir.js';
import { startTemporalServer } from '../stack/temporal-server.js';
import { ensureTools } from '../stack/tools.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const rounds = Number(process.argv[2] ?? 3);
const MODES = {
  build: ['dist/worker/main.js'],
  tsx: ['--import', 'tsx', 'worker/main.ts'],
} as const;

if (!existsSync(path.join(root, 'dist/workflow-bundle.js'))) throw new Error('run "npm run build" first');
const tools = await ensureTools(() => {});
const logs = makeTempDir('tideway-worker-startup-');
const [temporal, store] = await Promise.all([startTemporalServer({ bin: tools.temporal, headless: true }), startFerretDb({ bin: tools.ferretdb })]);
const times: Record<keyof typeof MODES, number[]> = { build: [], tsx: [] };
try {
  for (let round = 1; round <= rounds; round += 1) {
    for (const mode of Object.keys(MODES) as (keyof typeof MODES)[]) {
      const logFile = path.join(logs.path, `${mode}-${round}.log`);
      const started = Date.now();
      const worker = startProcess({
        name: `worker (${mode})`,
        command: process.execPath,
        args: [...MODES[mode]],
        cwd: root,
        env: { NODE_ENV: 'production', TEMPORAL_ADDRESS: temporal.address, MONGODB_URI: store.mongodbUri, TEMPORAL_TASK_QUEUE: `startup-${mode}-${round}` },
        logFile,
      });
      await waitUntilReady(worker, 'polling', async () => readFileSync(logFile, 'utf8').includes('worker: polling task queues'), { timeoutMs: 120_000, intervalMs: 20 });
      times[mode].push(Date.now() - started);
      await worker.stop();
      console.log(`round ${round}: ${mode.padEnd(5)} ${times[mode].at(-1)} ms`);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`\nworker start → polling (median of ${rounds}): build ${median(times.build)} ms, tsx ${median(times.tsx)} ms`);
  console.log(`  build: ${times.build.join(', ')} ms`);
  console.log(`  tsx:   ${times.tsx.join(', ')} ms`);
} finally {
  await Promise.all([temporal.stop(), store.stop()]);
  logs.remove();
}

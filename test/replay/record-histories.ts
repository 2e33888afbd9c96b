/**
 * `npm run replay:record`: records the replay scenarios that have no history yet (`-- --all`: all of
 * them; `-- <name> …`: only those) on the time-skipping server, as JSON. Commit them: the replay test then proves that later
 * workflow code still replays runs started by this code. Keep old histories: they are the proof.
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTool } from '../../stack/tools.js';
import { createJourneyKit } from '../../testkit/journey-kit.js';
import { workflowScenarios } from './workflow-scenarios.js';
import { scenarios } from './scenarios.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const all = process.argv.includes('--all');
// `-- <name> …`: only those scenarios.
const named = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const wanted = (name: string) => (named.length === 0 || named.includes(name)) && (all || !existsSync(`${dir}${name}.json`));
const kit = await createJourneyKit((await ensureTool('testServer', console.log)).path);
try {
  for (const scenario of scenarios.filter((s) => wanted(s.name))) {
    const result = await kit.run(scenario.journey, scenario.customer, scenario.drive);
    // One file per run: a run that continued as new is replayed run by run.
    result.histories.forEach((history, n) => writeFileSync(`${dir}${scenario.name}${n === 0 ? '' : `@${n + 1}`}.json`, `${historyToJSON(history)}\n`));
    console.log(`${scenario.name}: ${result.outcome}, ${result.histories.length} run(s), last ${result.historyLength} events`);
  }
  for (const scenario of workflowScenarios.filter((s) => wanted(s.name))) {
    writeFileSync(`${dir}${scenario.name}.json`, `${historyToJSON(await scenario.record(kit))}\n`);
    console.log(`${scenario.name}: recorded`);
  }
} finally {
  await kit.teardown();
}

/**
 * `npm run replay:record`: runs every replay scenario on the time-skipping server and saves each
 * history as JSON. Commit them: the replay test then proves that later workflow code still
 * replays runs started by this code. Record again only when a change is meant to be incompatible
 * (and then guard it with `patched()`).
 */
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTool } from '../../stack/tools.js';
import { createJourneyKit } from '../../testkit/journey-kit.js';
import { scenarios } from './scenarios.js';

const dir = fileURLToPath(new URL('./histories/', import.meta.url));
const kit = await createJourneyKit((await ensureTool('testServer', console.log)).path);
try {
  for (const scenario of scenarios) {
    const result = await kit.run(scenario.journey, scenario.customer, scenario.drive);
    writeFileSync(`${dir}${scenario.name}.json`, `${historyToJSON(result.history)}\n`);
    console.log(`${scenario.name}: ${result.outcome}, ${result.historyLength} events`);
  }
} finally {
  await kit.teardown();
}

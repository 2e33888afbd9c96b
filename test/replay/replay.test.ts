import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { bundleWorkflows } from '../../temporal/workflow-bundle.js';
import { DROP_WORKFLOW_SPANS } from '../../telemetry/workflow-spans.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { journeys } from '../../journeys/index.js';
import { workflowScenarios } from './workflow-scenarios.js';
import { scenarios } from './scenarios.js';

const dir = new URL('./histories/', import.meta.url);
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('replay: recorded runs still replay on the current workflow code', () => {
  it('has a recorded history for every scenario, and a scenario for every journey', () => {
    // `<name>@2.json`, …: the runs a recorded run continued as.
    const recorded = new Set(files.map((file) => file.replace(/(@\d+)?\.json$/, '')));
    expect([...recorded].sort()).toEqual([...scenarios.map((s) => s.name), ...workflowScenarios.map((s) => s.name)].sort());
    expect(new Set(scenarios.map((s) => s.journey.id))).toEqual(new Set(journeys.map((j) => j.id)));
  });

  it('replays every recorded history without a nondeterminism error', async () => {
    const workflowBundle = await bundleWorkflows({ log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} });
    const histories = files.map((file) => ({
      workflowId: file,
      history: historyFromJSON(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle, sinks: DROP_WORKFLOW_SPANS }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

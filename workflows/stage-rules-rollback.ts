import { continueAsNew, defineQuery, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';

const { reevaluateStages } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute' },
});

const PAGE_SIZE = 100;

export interface RollbackProgress {
  rolledBack: string;
  afterId: string | null;
  examined: number;
  moved: number;
  done: boolean;
}

export const rollbackProgressQuery = defineQuery<RollbackProgress>('rollbackProgress');

/**
 * After a stage-rules version is rolled back: re-evaluates, page by page, every customer whose last
 * stage change that version made, under the rules in force again. Ops watch its progress in the UI.
 */
export async function stageRulesRollback(input: { rolledBack: string; afterId?: string | null; examined?: number; moved?: number }): Promise<RollbackProgress> {
  const progress: RollbackProgress = { rolledBack: input.rolledBack, afterId: input.afterId ?? null, examined: input.examined ?? 0, moved: input.moved ?? 0, done: false };
  setHandler(rollbackProgressQuery, () => progress);
  for (;;) {
    const page = await reevaluateStages.executeWithOptions({ summary: `customers after ${progress.afterId ?? 'the first'}` }, [
      { rolledBack: progress.rolledBack, afterId: progress.afterId, pageSize: PAGE_SIZE },
    ]);
    progress.examined += page.examined;
    progress.moved += page.moved;
    if (!page.lastId) break;
    progress.afterId = page.lastId;
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > 2_000) {
      await continueAsNew<typeof stageRulesRollback>({ ...progress });
    }
  }
  progress.done = true;
  return progress;
}

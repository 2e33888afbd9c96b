import { changeStage, type StageChange } from '../store/customers.js';
import { CustomerModel } from '../store/models/customer.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface StageEntryDeps {
  runner: JourneyRunner;
  /** Unset: stage changes are not pushed anywhere. */
  crmStageWebhook?: string;
}

/**
 * The one way a stage changes, whoever changes it (the lifecycle's rules, a journey step): the change
 * is recorded, pushed to the CRM, and the journeys that enter on the stage start.
 */
export function createStageEntry({ runner, crmStageWebhook }: StageEntryDeps) {
  return async function enterStage(change: StageChange): Promise<{ changed: boolean; inStage: boolean }> {
    const changed = await changeStage(change);
    const customer = await CustomerModel.findById(change.customerId, { stage: 1, stageHistory: 1 }).lean();
    if (customer?.stage !== change.stage) return { changed, inStage: false };
    // Also when an activity retries after the change was recorded: the push and the journey starts are idempotent.
    const last = customer.stageHistory.at(-1);
    if (crmStageWebhook && last) {
      await runner.pushStageChange({
        customerId: change.customerId,
        seq: customer.stageHistory.length,
        from: last.from ?? null,
        to: last.to,
        reason: last.reason,
        source: last.source,
        ruleVersion: last.ruleVersion,
        at: last.at.toISOString(),
      });
    }
    await runner.onStageEntered(change.customerId, change.stage);
    return { changed, inStage: true };
  };
}

import { isValidObjectId } from 'mongoose';
import { isSensitive, type StageRules } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { changeStage, type StageChange } from '../store/customers.js';
import { insertOnce } from '../store/insert-once.js';
import { ApprovalModel } from '../store/models/approval.js';
import { CustomerModel } from '../store/models/customer.js';
import { activeStageRules } from '../store/stage-rules.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

export interface StageEntryDeps {
  runner: JourneyRunner;
  /** Unset: stage changes are not pushed anywhere. */
  crmStageWebhook?: string;
}

export interface StageEntry extends Omit<StageChange, 'ruleVersion'> {
  /** An approved approval of this very change: lets a sensitive change apply. */
  approvalId?: string;
}

export interface StageEntryResult {
  changed: boolean;
  /** Whether the customer is in the stage now (also when they already were). */
  inStage: boolean;
  /** A sensitive change waits for this approval; nothing changed. */
  held?: { approvalId: string };
}

/**
 * The one way a stage changes, whoever changes it (the lifecycle's rules, a journey step, a person):
 * a sensitive change waits for an approval; otherwise the change is recorded with the rule version in
 * force, pushed to the CRM, and the journeys that enter on the stage start. Callers that already read
 * the rules in force (the lifecycle, a rollback) pass them; others leave them to be read here.
 */
export function createStageEntry({ runner, crmStageWebhook }: StageEntryDeps) {
  return async function enterStage(change: StageEntry, rulesInForce?: StageRules): Promise<StageEntryResult> {
    const rules = rulesInForce ?? (await activeStageRules());
    const before = await CustomerModel.findById(change.customerId, { stage: 1, stageHistory: 1 }).lean();
    const from = (before?.stage ?? null) as Stage | null;
    const applies = from !== change.stage && (!change.onlyFrom || change.onlyFrom.includes(from as Stage));
    if (applies && isSensitive(rules, from, change.stage) && !(await isApproved(change))) {
      return { changed: false, inStage: false, held: await askApproval(change, from, before?.stageHistory.length ?? 0) };
    }
    const { approvalId: _approval, ...record } = change;
    const changed = await changeStage({ ruleVersion: rules.version, ...record });
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

async function isApproved({ approvalId, customerId, stage }: StageEntry): Promise<boolean> {
  if (!approvalId || !isValidObjectId(approvalId)) return false;
  return Boolean(await ApprovalModel.exists({ _id: approvalId, kind: 'stage-change', customerId, status: 'approved', 'stageChange.to': stage }));
}

/** One approval per customer, stage and the change they are at: a retried activity finds the same one. */
async function askApproval(change: StageEntry, from: Stage | null, changesSoFar: number): Promise<{ approvalId: string }> {
  const approvalKey = `stage:${change.customerId}:${changesSoFar}:${change.stage}`;
  const approval = await insertOnce(ApprovalModel, { approvalKey }, {
    kind: 'stage-change',
    customerId: change.customerId,
    stageChange: { from, to: change.stage, reason: change.reason, source: change.source },
    reason: `sensitive stage change ${from ?? 'none'} → ${change.stage}: ${change.reason}`,
    status: 'pending',
  });
  return { approvalId: String(approval._id) };
}

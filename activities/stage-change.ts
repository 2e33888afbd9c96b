import type { Stage } from '../domain/stages.js';
import { insertOnce } from '../store/insert-once.js';
import { ApprovalModel } from '../store/models/approval.js';
import { CustomerModel } from '../store/models/customer.js';
import { countStageChange } from './metrics.js';

export interface StageChangeRecord {
  customerId: string;
  from: Stage | null;
  to: Stage;
  reason: string;
  /** Who asked: `event:<type>`, `lifecycle:silence`, `journey:<id>`, `api`, `rollback:<version>`, … */
  source: string;
  /** The stage rules in force, recorded with the change. */
  ruleVersion: string;
  /** The rules say a person approves this change first (the lifecycle knows the rules). */
  sensitive: boolean;
  /** An approved approval of this very change: lets a sensitive change apply. */
  approvalId?: string;
}

export type StageChangeOutcome =
  | { status: 'changed'; /** The change's number among the customer's, from 1. */ seq: number; at: string }
  | { status: 'held'; approvalId: string };

/**
 * Records a stage change the customer's lifecycle decided: the lifecycle is the one writer of the
 * stage, so this only writes. A sensitive change without its approval opens one and changes nothing.
 * Idempotent: a retry finds its change already recorded and answers as the first attempt did.
 */
export async function recordStageChange(change: StageChangeRecord, at = new Date()): Promise<StageChangeOutcome> {
  const before = await CustomerModel.findById(change.customerId, { stage: 1, stageHistory: 1 }).lean();
  const history = before?.stageHistory ?? [];
  const last = history.at(-1);
  if (before?.stage === change.to && last && last.to === change.to && last.source === change.source && last.reason === change.reason) {
    return { status: 'changed', seq: history.length, at: last.at.toISOString() };
  }
  if (change.sensitive && !(await isApproved(change))) return { status: 'held', approvalId: await askApproval(change, history.length) };
  const entry = { from: change.from, to: change.to, reason: change.reason, source: change.source, ruleVersion: change.ruleVersion, at };
  await CustomerModel.updateOne(
    { _id: change.customerId },
    { $set: { stage: change.to, stageChangedAt: at, stageRuleVersion: change.ruleVersion }, $push: { stageHistory: entry } },
    { upsert: true },
  );
  countStageChange(change.from, change.to);
  return { status: 'changed', seq: history.length + 1, at: at.toISOString() };
}

async function isApproved({ approvalId, customerId, to }: StageChangeRecord): Promise<boolean> {
  if (!approvalId) return false;
  const approval = await ApprovalModel.findById(approvalId, { kind: 1, customerId: 1, status: 1, stageChange: 1 }).lean();
  return approval?.kind === 'stage-change' && approval.customerId === customerId && approval.status === 'approved' && approval.stageChange?.to === to;
}

/** One approval per customer, stage and the change they are at: a retry, or the same change asked again, finds the same one. */
async function askApproval(change: StageChangeRecord, changesSoFar: number): Promise<string> {
  const approvalKey = `stage:${change.customerId}:${changesSoFar}:${change.to}`;
  const approval = await insertOnce(ApprovalModel, { approvalKey }, {
    kind: 'stage-change',
    customerId: change.customerId,
    stageChange: { from: change.from, to: change.to, reason: change.reason, source: change.source },
    reason: `sensitive stage change ${change.from ?? 'none'} → ${change.to}: ${change.reason}`,
    status: 'pending',
  });
  return String(approval._id);
}

import { STAGE_RULES_VERSION, type Stage } from '../domain/stages.js';
import { CustomerModel } from './models/customer.js';
import { isDuplicateKeyError } from './errors.js';

export interface StageChange {
  customerId: string;
  stage: Stage;
  reason: string;
  source: string;
  /** Change only a customer who is in one of these stages. */
  onlyFrom?: Stage[];
  /** The stage rules in force, recorded with the change (the built-in version when not given). */
  ruleVersion?: string;
}

/**
 * Moves a customer to a stage and records the change; creates the customer when unknown.
 * Returns false when the customer already was in that stage (nothing recorded).
 */
export async function changeStage({ customerId, stage, reason, source, onlyFrom, ruleVersion = STAGE_RULES_VERSION }: StageChange, at = new Date()): Promise<boolean> {
  const current = await CustomerModel.findById(customerId, { stage: 1 }).lean();
  if (current?.stage === stage) return false;
  if (onlyFrom && !onlyFrom.includes(current?.stage as Stage)) return false;
  const entry = { from: current?.stage ?? null, to: stage, reason, source, ruleVersion, at };
  try {
    // Conditional on the stage we read, so two concurrent changes cannot both record the same transition.
    const result = await CustomerModel.updateOne(
      { _id: customerId, stage: current?.stage ?? null },
      { $set: { stage, stageChangedAt: at, stageRuleVersion: ruleVersion }, $push: { stageHistory: entry } },
      { upsert: !current },
    );
    return result.modifiedCount + result.upsertedCount === 1;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

import { heartbeat } from '@temporalio/activity';
import { reevaluateMove } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';
import { CustomerModel } from '../store/models/customer.js';
import { activeStageRules } from '../store/stage-rules.js';
import { askLifecycleForStage, type LifecycleMailbox } from './stage-requests.js';

export interface ReevaluationPage {
  rolledBack: string;
  /** Customers are taken in id order from after this one. */
  afterId: string | null;
  pageSize: number;
}

export interface ReevaluationProgress {
  /** The last customer looked at; null when none were left. */
  lastId: string | null;
  examined: number;
  /** Customers whose lifecycle was asked to move them back. */
  moved: number;
}

/** Moves that came from the rules themselves; a person's or a journey's move is not the rules' to undo. */
const RULE_SOURCES = ['event:', 'lifecycle:'];

export function createStageRulesRollbackActivities({ lifecycles }: { lifecycles: LifecycleMailbox }) {

  /** Re-evaluates one page of the customers whose last stage change the rolled-back version made. */
  async function reevaluateStages({ rolledBack, afterId, pageSize }: ReevaluationPage): Promise<ReevaluationProgress> {
    const rules = await activeStageRules();
    const page = await CustomerModel.find({ stageRuleVersion: rolledBack, ...(afterId ? { _id: { $gt: afterId } } : {}) })
      .sort({ _id: 1 })
      .limit(pageSize)
      .lean();
    let moved = 0;
    for (const customer of page) {
      heartbeat(customer._id);
      const last = customer.stageHistory.at(-1);
      if (!last || !RULE_SOURCES.some((prefix) => last.source.startsWith(prefix))) continue;
      const move = reevaluateMove(
        { stage: (customer.stage ?? null) as Stage | null, orders: customer.orders, totalValue: customer.totalValue },
        { from: (last.from ?? null) as Stage | null, to: last.to as Stage },
        rules,
        rolledBack,
      );
      if (!move) continue;
      // The lifecycle, the one writer of the stage, makes the move; the event id makes a retried page ask once.
      await askLifecycleForStage(lifecycles, { eventId: `rollback:${rolledBack}:${customer._id}:${customer.stageHistory.length}`, customerId: customer._id, stage: move.to, reason: move.reason, source: `rollback:${rolledBack}` });
      moved += 1;
    }
    return { lastId: page.at(-1)?._id ?? null, examined: page.length, moved };
  }

  return { reevaluateStages };
}

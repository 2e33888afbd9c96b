import { ApprovalModel } from './models/approval.js';
import { CustomerModel } from './models/customer.js';
import { EventModel } from './models/event.js';
import { JourneyRunModel } from './models/journey-run.js';
import { MessageModel } from './models/message.js';
import { TaskModel } from './models/task.js';

export const TIMELINE_KINDS = ['event', 'message', 'task', 'approval', 'run', 'stage'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export interface TimelineItem {
  at: Date;
  kind: TimelineKind;
  [field: string]: unknown;
}

export interface TimelineQuery {
  customerId: string;
  limit: number;
  /** Only what happened before this moment (the `next` of the page before). */
  before?: Date;
  /** The run's page in the Temporal UI. */
  runLink: (workflowId: string, runId: string) => string;
}

/**
 * One customer's story, newest first: events, messages of the send ledger, tasks, approvals, journey
 * runs and stage changes. Each source gives at most `limit` items before `before`, then the newest
 * `limit` of them all are kept; `next` is the time of the last one, for the page before it (items at
 * that very millisecond beyond the page are on neither). Undefined for an unknown customer. Each source is read by `customerId`,
 * which has an index on MongoDB; FerretDB's SQLite backend pushes down only `_id` filters, so there each
 * read scans its collection (bounded by `limit` and a projection).
 */
export async function customerTimeline({ customerId, limit, before, runLink }: TimelineQuery): Promise<{ items: TimelineItem[]; next: string | null } | undefined> {
  const customer = await CustomerModel.findById(customerId, { stageHistory: 1 }).lean();
  if (!customer) return undefined;
  const until = (field: string) => (before ? { [field]: { $lt: before } } : {});
  const [events, messages, tasks, approvals, runs] = await Promise.all([
    EventModel.find({ customerId, ...until('occurredAt') }).sort({ occurredAt: -1 }).limit(limit).lean(),
    // The text and the address stay in the ledger: the timeline says what was sent, not to whom.
    MessageModel.find({ customerId, ...until('createdAt') }, { text: 0, to: 0 }).sort({ createdAt: -1 }).limit(limit).lean(),
    TaskModel.find({ customerId, ...until('createdAt') }).sort({ createdAt: -1 }).limit(limit).lean(),
    ApprovalModel.find({ customerId, ...until('createdAt') }).sort({ createdAt: -1 }).limit(limit).lean(),
    JourneyRunModel.find({ customerId, ...until('startedAt') }, { steps: 0 }).sort({ startedAt: -1 }).limit(limit).lean(),
  ]);
  // A source that filled its limit may hold older items: there is a next page.
  const full = [events, messages, tasks, approvals, runs].some((docs) => docs.length === limit);
  const items: TimelineItem[] = [
    ...events.map((e) => ({
      at: e.occurredAt,
      kind: 'event' as const,
      eventId: e.eventId,
      type: e.type,
      occurredAt: e.occurredAt,
      receivedAt: e.receivedAt,
      properties: e.properties ?? {},
      applied: Boolean(e.appliedAt ?? e.dispatchedAt),
      parked: Boolean(e.parkedAt),
    })),
    ...messages.map((m) => ({
      at: m.sentAt ?? m.createdAt,
      kind: 'message' as const,
      id: m._id,
      channel: m.channel,
      template: m.template,
      status: m.status,
      reason: m.reason ?? null,
      subject: m.subject ?? null,
      journeyId: m.journeyId ?? null,
      sentAt: m.sentAt ?? null,
      deliveredAt: m.deliveredAt ?? null,
      failedAt: m.failedAt ?? null,
    })),
    ...tasks.map((t) => ({
      at: t.createdAt,
      kind: 'task' as const,
      id: String(t._id),
      title: t.title,
      queue: t.queue,
      requestedQueue: t.requestedQueue ?? null,
      priority: t.priority,
      status: t.status,
      assignee: t.assignee ?? null,
      dueAt: t.dueAt,
      outcome: t.outcome ?? null,
      completedAt: t.completedAt ?? null,
      completedBy: t.completedBy ?? null,
      journeyId: t.journeyId ?? null,
    })),
    ...approvals.map((a) => ({
      at: a.createdAt,
      kind: 'approval' as const,
      id: String(a._id),
      approvalKind: a.kind,
      reason: a.reason,
      status: a.status,
      decidedAt: a.decidedAt ?? null,
      decidedBy: a.decidedBy ?? null,
      journeyId: a.journeyId ?? null,
      stageChange: a.stageChange ?? null,
    })),
    ...runs.map((r) => ({
      at: r.startedAt,
      kind: 'run' as const,
      journeyId: r.journeyId,
      version: r.journeyVersion,
      workflowId: r.workflowId,
      runId: r.runId,
      trigger: r.trigger ?? null,
      status: r.status,
      outcome: r.outcome ?? null,
      reason: r.reason ?? null,
      arms: r.arms ?? {},
      startedAt: r.startedAt,
      finishedAt: r.finishedAt ?? null,
      temporalUrl: runLink(r.workflowId, r.runId),
    })),
    ...(customer.stageHistory ?? [])
      .filter((change) => !before || change.at < before)
      .map((change) => ({ at: change.at, kind: 'stage' as const, from: change.from ?? null, to: change.to, reason: change.reason, source: change.source, ruleVersion: change.ruleVersion })),
  ].filter((item) => !before || item.at < before);
  items.sort((a, b) => b.at.getTime() - a.at.getTime());
  const page = items.slice(0, limit);
  return { items: page, next: (items.length > limit || full) && page.length > 0 ? page.at(-1)!.at.toISOString() : null };
}

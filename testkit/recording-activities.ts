import type { Activities } from '../activities/index.js';
import type { CustomerEvent } from '../domain/events.js';
import type { BranchContext } from '../domain/conditions.js';
import { applyEventToFacts, silenceMove } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';

/** The made-up customer a journey test runs for. */
export interface TestCustomer {
  id: string;
  stage?: Stage | null;
  tags?: string[];
  profile?: BranchContext['profile'];
}

/** What a journey did, in the order it did it. */
export interface JourneyRecord {
  sent: { template: string; channel: 'email' | 'sms' }[];
  tasks: { step: string; title: string; queue: string; slaMs: number }[];
  stages: { stage: Stage; reason: string }[];
  coldPool: { reason: string }[];
  approvals: { step: string; reason: string }[];
  webhooks: { target: string; event: string }[];
  /** Event types the lifecycle applied, in order. */
  events: string[];
  /** The customer as the journey left them. */
  customer: { stage: Stage | null; tags: string[] };
}

/**
 * Activities typed like the real ones that keep the customer in memory (stage rules included) and record every call.
 * `storeEvent` stands in for the API, which stores an event before it signals the lifecycle.
 */
export function recordingActivities(customer: TestCustomer): { activities: Activities; record: JourneyRecord; storeEvent(event: CustomerEvent): void } {
  const storedEvents = new Map<string, CustomerEvent>();
  const record: JourneyRecord = {
    sent: [],
    tasks: [],
    stages: [],
    coldPool: [],
    approvals: [],
    webhooks: [],
    events: [],
    customer: { stage: customer.stage ?? null, tags: [...(customer.tags ?? [])] },
  };
  const current = record.customer;
  const moveTo = (stage: Stage, reason: string) => {
    current.stage = stage;
    record.stages.push({ stage, reason });
  };
  const activities: Activities = {
    async recordRun() {},
    async applyCustomerEvent({ event, facts }) {
      const { facts: next, move } = applyEventToFacts({ ...facts, stage: current.stage, stageSince: null }, event);
      if (move) moveTo(move.to, move.reason);
      record.events.push(event.type);
      const { orders, totalValue, lastInteractionAt } = next;
      return { facts: { orders, totalValue, lastInteractionAt, signals: facts.signals }, stage: current.stage, moved: move };
    },
    async applySilence({ facts, silenceMs, now }) {
      const move = silenceMove({ ...facts, stage: current.stage, stageSince: null }, now, silenceMs);
      if (move) moveTo(move.to, move.reason);
      return { facts, stage: current.stage, moved: move };
    },
    async loadCustomerEvents(eventIds) {
      return eventIds.flatMap((id) => storedEvents.get(id) ?? []);
    },
    async reevaluateStages() {
      return { lastId: null, examined: 0, moved: 0 };
    },
    async pushStageChange() {
      return { status: 'not configured' as const };
    },
    async customerSnapshot() {
      return { stage: current.stage, tags: [...current.tags], profile: { ...customer.profile } };
    },
    async sendEmail({ template }) {
      record.sent.push({ template, channel: 'email' });
      return { status: 'sent' };
    },
    async sendSms({ template }) {
      record.sent.push({ template, channel: 'sms' });
      return { status: 'outbox' };
    },
    async createTask({ stepKey, title, queue, slaMs }) {
      record.tasks.push({ step: stepKey, title, queue, slaMs });
      return { taskId: `task-${record.tasks.length}`, dueAt: new Date(Date.now() + slaMs).toISOString() };
    },
    async setStage({ stage, reason, onlyFrom }) {
      if (current.stage === stage || (onlyFrom && !onlyFrom.includes(current.stage as Stage))) return { changed: false };
      moveTo(stage, reason);
      return { changed: true };
    },
    async updateTags({ add, remove }) {
      current.tags = [...new Set([...current.tags, ...add])].filter((tag) => !remove.includes(tag));
      return { tags: [...current.tags] };
    },
    async moveToColdPool({ reason }) {
      current.stage = 'cold';
      record.coldPool.push({ reason });
      return { changed: true };
    },
    async createApproval({ stepKey, reason }) {
      record.approvals.push({ step: stepKey, reason });
      return { approvalId: `approval-${record.approvals.length}` };
    },
    async callWebhook({ target, event }) {
      record.webhooks.push({ target, event });
      return { status: 200 };
    },
  };
  return { activities, record, storeEvent: (event) => storedEvents.set(event.eventId, event) };
}

import type { Activities } from '../activities/index.js';
import type { DeferredSend, SendPurpose } from '../activities/send-gate.js';
import type { SendResult } from '../activities/send-ledger.js';
import type { CustomerEvent } from '../domain/events.js';
import { type Channel, nextSendSlot, type SendPolicy, slotVerdict } from '../domain/send-policy.js';
import type { BranchContext } from '../domain/conditions.js';
import { loadHealthModel } from '../config/health-model.js';
import { STAGE_RULES } from '../domain/stage-rules.js';
import type { Stage } from '../domain/stages.js';

/** The made-up customer a journey test runs for. */
export interface TestCustomer {
  id: string;
  stage?: Stage | null;
  tags?: string[];
  profile?: BranchContext['profile'];
}

/** What surrounds a test run: the send policy and the clock it is judged by (the test server's). */
export interface TestWorld {
  sendPolicy?: SendPolicy;
  now?: () => Promise<number>;
}

/** What a journey did, in the order it did it. */
export interface JourneyRecord {
  sent: { template: string; channel: Channel }[];
  /** Sends that quiet hours or a frequency cap deferred (until) or skipped, when the run had a send policy. */
  deferrals: { template: string; reason: string; until?: string; skipped?: true }[];
  tasks: { step: string; title: string; queue: string; slaMs: number }[];
  stages: { stage: Stage; reason: string }[];
  coldPool: { reason: string }[];
  approvals: { step: string; reason: string }[];
  webhooks: { target: string; event: string }[];
  /** Steps a run in a holdout arm passed without their effect, by key. */
  holdoutSkipped: string[];
  /** Marketing opt-outs a refusing reply caused, per channel, with their source. */
  optOuts: { channel: string; source: string }[];
  /** Event types the lifecycle applied, in order. */
  events: string[];
  /** Their event ids, in the same order. */
  eventIds: string[];
  /** Events the lifecycle could not apply and set aside, with why. */
  parked: { eventId: string; reason: string }[];
  /** The customer as the journey left them. */
  customer: { stage: Stage | null; tags: string[] };
}

/**
 * Activities typed like the real ones that keep the customer in memory (stage rules included) and record every call.
 * `storeEvent` stands in for the API, which stores an event before it signals the lifecycle.
 */
export function recordingActivities(customer: TestCustomer, world: TestWorld = {}): { activities: Activities; record: JourneyRecord; storeEvent(event: CustomerEvent): void } {
  const storedEvents = new Map<string, CustomerEvent>();
  const record: JourneyRecord = {
    sent: [],
    deferrals: [],
    tasks: [],
    stages: [],
    coldPool: [],
    approvals: [],
    webhooks: [],
    holdoutSkipped: [],
    optOuts: [],
    events: [],
    eventIds: [],
    parked: [],
    customer: { stage: customer.stage ?? null, tags: [...(customer.tags ?? [])] },
  };
  const current = record.customer;
  const healthModel = loadHealthModel();
  const sentAt: Record<Channel, number[]> = { email: [], sms: [], wecom: [] };
  /** The send policy on the test server's clock: deferred or skipped as the real activities would, else the slot is taken. */
  async function deferral(input: { template: string } & SendPurpose, channel: Channel): Promise<DeferredSend | SendResult | undefined> {
    if (!world.sendPolicy || input.purpose === 'transactional') return undefined;
    const now = world.now ? await world.now() : Date.now();
    const slot = nextSendSlot(world.sendPolicy, channel, customer.profile?.timezone as string | undefined, sentAt[channel], now);
    const verdict = slotVerdict(slot, now, input.whenCapped);
    if ('go' in verdict) {
      sentAt[channel].push(now);
      return undefined;
    }
    if ('skip' in verdict) {
      record.deferrals.push({ template: input.template, reason: verdict.skip, skipped: true });
      return { status: 'skipped', reason: verdict.skip };
    }
    const until = new Date(verdict.wait.until).toISOString();
    record.deferrals.push({ template: input.template, reason: verdict.wait.reason, until });
    return { status: 'deferred', until, reason: verdict.wait.reason };
  }
  const moveTo = (stage: Stage, reason: string) => {
    current.stage = stage;
    record.stages.push({ stage, reason });
  };
  const activities: Activities = {
    async recordRun() {},
    async recordArm() {},
    async recordStep({ stepKey }) {
      record.holdoutSkipped.push(stepKey);
    },
    async lifecycleContext({ stored }) {
      const context = { rules: { ...STAGE_RULES, sensitive: [...STAGE_RULES.sensitive] }, healthModel, entryStages: [], entryEvents: [], crmPush: false };
      if (!stored) return context;
      return { ...context, stored: { stage: current.stage, stageSince: null, orders: 0, totalValue: 0, lastInteractionAt: null } };
    },
    async saveLifecycleFacts({ appliedEventIds }) {
      for (const eventId of appliedEventIds) {
        record.events.push(storedEvents.get(eventId)?.type ?? 'unknown');
        record.eventIds.push(eventId);
      }
    },
    async recordStageChange({ to, reason, sensitive, approvalId }) {
      if (sensitive && !approvalId) return { status: 'held' as const, approvalId: `approval-${record.approvals.length + 1}` };
      moveTo(to, reason);
      return { status: 'changed' as const, seq: record.stages.length, at: new Date(world.now ? await world.now() : Date.now()).toISOString() };
    },
    async storedCustomer() {
      return { stage: current.stage, stageSince: null, orders: 0, totalValue: 0, lastInteractionAt: null };
    },
    async openUrgentReview() {},
    async parkEvent({ event, reason }) {
      record.parked.push({ eventId: event.eventId, reason });
    },
    async startJourneys() {
      return { started: [], running: [], refused: [] };
    },
    async handEventsToJourneys() {
      return { ended: [] };
    },
    async startStageChangePush() {},
    async loadCustomerEvents(eventIds) {
      return eventIds.flatMap((id) => storedEvents.get(id) ?? []);
    },
    async reevaluateStages() {
      return { lastId: null, examined: 0, moved: 0 };
    },
    async enrolSegmentPage() {
      return { lastId: null, examined: 0, matched: 0, started: 0, running: 0, refused: 0 };
    },
    async dateEntryJourneys() {
      return [];
    },
    async enrolDueDates() {
      return { lastId: null, examined: 0, matched: 0, started: 0, running: 0, refused: 0 };
    },
    async dispatchStoredEvents() {
      return { delivered: 0, customers: 0, applied: 0 };
    },
    async pushStageChange() {
      return { status: 'not configured' as const };
    },
    async customerSnapshot() {
      return { stage: current.stage, tags: [...current.tags], profile: { ...customer.profile } };
    },
    async sendEmail(input) {
      return (await deferral(input, 'email')) ?? (record.sent.push({ template: input.template, channel: 'email' }), { status: 'sent' });
    },
    async sendSms(input) {
      return (await deferral(input, 'sms')) ?? (record.sent.push({ template: input.template, channel: 'sms' }), { status: 'outbox' });
    },
    async sendWecom(input) {
      return (await deferral(input, 'wecom')) ?? (record.sent.push({ template: input.template, channel: 'wecom' }), { status: 'outbox' });
    },
    async createTask({ stepKey, title, queue, slaMs }) {
      record.tasks.push({ step: stepKey, title, queue, slaMs });
      return { taskId: `task-${record.tasks.length}`, dueAt: new Date(Date.now() + slaMs).toISOString() };
    },
    async setStage({ stage, reason, onlyFrom }) {
      if (current.stage !== stage && (!onlyFrom || onlyFrom.includes(current.stage as Stage))) moveTo(stage, reason);
      return { asked: stage };
    },
    async updateTags({ add, remove }) {
      current.tags = [...new Set([...current.tags, ...add])].filter((tag) => !remove.includes(tag));
      return { tags: [...current.tags] };
    },
    async moveToColdPool({ reason }) {
      current.stage = 'cold';
      record.coldPool.push({ reason });
      return { asked: 'cold' as const };
    },
    async createApproval({ stepKey, reason }) {
      record.approvals.push({ step: stepKey, reason });
      return { approvalId: `approval-${record.approvals.length}` };
    },
    async callWebhook({ target, event }) {
      record.webhooks.push({ target, event });
      return { status: 200 };
    },
    async optOutOfMarketing({ channel, source }) {
      record.optOuts.push({ channel, source });
      return 'changed' as const;
    },
  };
  return { activities, record, storeEvent: (event) => storedEvents.set(event.eventId, event) };
}

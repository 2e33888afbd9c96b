import { z } from 'zod';
import type { Duration } from './durations.js';
import { type CustomerEvent, MANUAL_STAGE_EVENT_TYPE, MERGED_EVENT_TYPE } from './events.js';
import { refusalIn } from './refusal.js';
import { STAGE_RULES_VERSION, type Stage, stageSchema } from './stages.js';

/** A change between two stages. */
const transitionSchema = z.strictObject({ from: stageSchema, to: stageSchema });

/**
 * The parameters of the stage rules the business tunes (seed 002: 模型漂移可回滚). Each published set is
 * a version; the rules' logic is code (below) and the silence period is the lifecycle's timer, so
 * neither changes between versions.
 */
export const stageRuleParamsSchema = z.strictObject({
  /** Either threshold makes a customer high value. */
  highValue: z.strictObject({ orders: z.number().int().min(1), totalValue: z.number().positive() }),
  /** Changes a person approves before they apply, e.g. a high-value customer going cold. */
  sensitive: z.array(transitionSchema).max(50),
});
export type StageRuleParams = z.infer<typeof stageRuleParamsSchema>;
export type StageRules = StageRuleParams & { version: string };

/** The rules as shipped: version 1, in force until the business publishes another. */
export const STAGE_RULES = {
  version: STAGE_RULES_VERSION,
  /** No interaction for this long makes a customer silent. */
  silenceAfter: '45 days' as Duration,
  highValue: { orders: 5, totalValue: 10_000 },
  sensitive: [{ from: 'high_value', to: 'cold' }],
} as const satisfies StageRules & { silenceAfter: Duration };

/** Whether this change waits for a person's approval under these rules. */
export function isSensitive(rules: Pick<StageRules, 'sensitive'>, from: Stage | null, to: Stage): boolean {
  return rules.sensitive.some((t) => t.from === from && t.to === to);
}

/** Events that count as the customer interacting with the business (they reset the silence timer). */
export const INTERACTIONS = new Set(['customer.registered', 'customer.interacted', 'order.placed', 'survey.completed', 'demo.booked']);

/** What the rules know of a customer. */
export interface CustomerFacts {
  stage: Stage | null;
  /** When the current stage was entered (ISO). */
  stageSince: string | null;
  orders: number;
  totalValue: number;
  lastInteractionAt: string | null;
}

export interface StageMove {
  to: Stage;
  reason: string;
  /** The approval that lets a sensitive change apply. */
  approvalId?: string;
}

/** The facts after an event, and the stage it moves the customer to, if any. Pure: the same input always gives the same answer. */
export function applyEventToFacts(facts: CustomerFacts, event: CustomerEvent, rules: Pick<StageRules, 'highValue'> = STAGE_RULES): { facts: CustomerFacts; move?: StageMove } {
  const next = { ...facts };
  if (INTERACTIONS.has(event.type) && (!next.lastInteractionAt || event.occurredAt > next.lastInteractionAt)) {
    next.lastInteractionAt = event.occurredAt;
  }
  if (event.type === 'order.placed') {
    next.orders += 1;
    const total = event.properties.orderTotal;
    if (isPositive(total)) next.totalValue += total;
  }
  if (event.type === MERGED_EVENT_TYPE) foldMerged(next, event.properties);
  const move = stageMove(next, event, rules);
  return { facts: next, move: move && move.to !== facts.stage ? move : undefined };
}

const isPositive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

/** The merged customer's orders and value add up; their last interaction counts if it was later. */
function foldMerged(facts: CustomerFacts, other: Record<string, unknown>): void {
  if (isPositive(other.orders)) facts.orders += Math.floor(other.orders);
  if (isPositive(other.totalValue)) facts.totalValue += other.totalValue;
  const last = other.lastInteractionAt;
  if (typeof last === 'string' && !Number.isNaN(Date.parse(last)) && (!facts.lastInteractionAt || last > facts.lastInteractionAt)) {
    facts.lastInteractionAt = new Date(last).toISOString();
  }
}

function stageMove(facts: CustomerFacts, event: CustomerEvent, rules: Pick<StageRules, 'highValue'>): StageMove | undefined {
  const { stage } = facts;
  if (event.type === MANUAL_STAGE_EVENT_TYPE) {
    const to = stageSchema.safeParse(event.properties.stage);
    if (!to.success) return undefined;
    const { reason, approvalId, onlyFrom } = event.properties;
    // A journey's `setStage` with `onlyFrom` changes only a customer in one of those stages.
    if (Array.isArray(onlyFrom) && !onlyFrom.includes(stage)) return undefined;
    return { to: to.data, reason: String(reason ?? 'set by hand'), ...(typeof approvalId === 'string' ? { approvalId } : {}) };
  }
  if (event.type === 'customer.registered' && stage === null) return { to: 'new', reason: 'registered' };
  if (event.type === MERGED_EVENT_TYPE) {
    const counts = stage !== 'high_value' && stage !== 'silent' && stage !== 'cold' && meetsHighValue(facts, rules);
    return counts ? { to: 'high_value', reason: `merged with ${String(event.properties.otherId)}: ${highValueReason(facts, rules)}` } : undefined;
  }
  if (!INTERACTIONS.has(event.type)) return undefined;
  if (stage === 'silent' || stage === 'cold') {
    // An interaction from before the customer went quiet (it arrived late) does not bring them back.
    const late = facts.stageSince !== null && event.occurredAt < facts.stageSince;
    return late ? undefined : { to: 'returning', reason: `${event.type} while ${stage}` };
  }
  if (event.type !== 'order.placed') return undefined;
  if (meetsHighValue(facts, rules)) return { to: 'high_value', reason: highValueReason(facts, rules) };
  if (stage === null || stage === 'new' || stage === 'nurturing' || stage === 'returning') return { to: 'active', reason: facts.orders === 1 ? 'first order' : 'ordered again' };
  return undefined;
}

/** A reply that refuses ("不需要了", "stop") is an interaction, but not a silent or cold customer coming back. */
export function refusesToReturn(move: StageMove | undefined, event: CustomerEvent): boolean {
  return move?.to === 'returning' && event.type === 'customer.interacted' && refusalIn(event) !== undefined;
}

/** Who a move made by this event is recorded as coming from: the asker of a stage request, else the event. */
export function stageChangeSource(event: CustomerEvent): string {
  return event.type === MANUAL_STAGE_EVENT_TYPE ? String(event.properties.source ?? 'api') : `event:${event.type}`;
}

/** Whether a customer silent since `lastInteractionAt` should now be marked silent. */
export function silenceMove(facts: CustomerFacts, nowIso: string, silenceMs: number): StageMove | undefined {
  if (!facts.lastInteractionAt || facts.stage === 'silent' || facts.stage === 'cold') return undefined;
  const quietFor = Date.parse(nowIso) - Date.parse(facts.lastInteractionAt);
  return quietFor >= silenceMs ? { to: 'silent', reason: `no interaction for ${STAGE_RULES.silenceAfter}` } : undefined;
}

function meetsHighValue(facts: Pick<CustomerFacts, 'orders' | 'totalValue'>, rules: Pick<StageRules, 'highValue'>): boolean {
  return facts.orders >= rules.highValue.orders || facts.totalValue >= rules.highValue.totalValue;
}

const highValueReason = (facts: Pick<CustomerFacts, 'orders' | 'totalValue'>, { highValue }: Pick<StageRules, 'highValue'>) =>
  `${facts.orders} orders worth ${facts.totalValue} (thresholds ${highValue.orders} orders or ${highValue.totalValue})`;

/**
 * After a rollback: where a customer the rolled-back rules moved (their last change) belongs under
 * the rules in force again. Only the high-value thresholds differ between versions, so only moves
 * into or short of high value are undone; undefined means the stage stands.
 */
export function reevaluateMove(
  facts: Pick<CustomerFacts, 'stage' | 'orders' | 'totalValue'>,
  lastChange: { from: Stage | null; to: Stage },
  rules: StageRules,
  rolledBack: string,
): StageMove | undefined {
  const high = meetsHighValue(facts, rules);
  if (facts.stage === 'high_value' && lastChange.to === 'high_value' && !high) {
    return { to: lastChange.from ?? 'active', reason: `rollback of ${rolledBack}: ${facts.orders} orders worth ${facts.totalValue} are below ${rules.version}'s thresholds (${rules.highValue.orders} orders or ${rules.highValue.totalValue})` };
  }
  if (facts.stage === 'active' && lastChange.to === 'active' && high) {
    return { to: 'high_value', reason: `rollback of ${rolledBack}: ${highValueReason(facts, rules)} under ${rules.version}` };
  }
  return undefined;
}

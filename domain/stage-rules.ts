import type { Duration } from './durations.js';
import type { CustomerEvent } from './events.js';
import { STAGE_RULES_VERSION, type Stage, stageSchema } from './stages.js';

/** The numbers the stage rules use; a new version of the rules changes STAGE_RULES_VERSION. */
export const STAGE_RULES = {
  version: STAGE_RULES_VERSION,
  /** No interaction for this long makes a customer silent. */
  silenceAfter: '45 days' as Duration,
  /** Either threshold makes a customer high value. */
  highValue: { orders: 5, totalValue: 10_000 },
} as const;

/** Events that count as the customer interacting with the business (they reset the silence timer). */
export const INTERACTIONS = new Set(['customer.registered', 'customer.interacted', 'order.placed', 'survey.completed', 'demo.booked']);

/** Tideway's own event for a stage set by hand (`POST /v1/customers/:id/stage`): `{ stage, reason }`. */
export const MANUAL_STAGE_EVENT = 'tideway.stage_set';
/** Tideway's own event when another customer was folded into this one: `{ otherId, orders, totalValue, lastInteractionAt }`. */
export const MERGED_EVENT = 'customer.merged';

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
}

/** The facts after an event, and the stage it moves the customer to, if any. Pure: the same input always gives the same answer. */
export function applyEventToFacts(facts: CustomerFacts, event: CustomerEvent): { facts: CustomerFacts; move?: StageMove } {
  const next = { ...facts };
  if (INTERACTIONS.has(event.type) && (!next.lastInteractionAt || event.occurredAt > next.lastInteractionAt)) {
    next.lastInteractionAt = event.occurredAt;
  }
  if (event.type === 'order.placed') {
    next.orders += 1;
    const total = event.properties.orderTotal;
    if (isPositive(total)) next.totalValue += total;
  }
  if (event.type === MERGED_EVENT) foldMerged(next, event.properties);
  const move = stageMove(next, event);
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

function stageMove(facts: CustomerFacts, event: CustomerEvent): StageMove | undefined {
  const { stage } = facts;
  if (event.type === MANUAL_STAGE_EVENT) {
    const to = stageSchema.safeParse(event.properties.stage);
    return to.success ? { to: to.data, reason: String(event.properties.reason ?? 'set by hand') } : undefined;
  }
  if (event.type === 'customer.registered' && stage === null) return { to: 'new', reason: 'registered' };
  if (!INTERACTIONS.has(event.type)) return undefined;
  if (stage === 'silent' || stage === 'cold') {
    // An interaction from before the customer went quiet (it arrived late) does not bring them back.
    const late = facts.stageSince !== null && event.occurredAt < facts.stageSince;
    return late ? undefined : { to: 'returning', reason: `${event.type} while ${stage}` };
  }
  if (event.type !== 'order.placed') return undefined;
  const { orders, totalValue } = STAGE_RULES.highValue;
  if (facts.orders >= orders || facts.totalValue >= totalValue) {
    return { to: 'high_value', reason: `${facts.orders} orders worth ${facts.totalValue} (thresholds ${orders} orders or ${totalValue})` };
  }
  if (stage === null || stage === 'new' || stage === 'nurturing' || stage === 'returning') return { to: 'active', reason: facts.orders === 1 ? 'first order' : 'ordered again' };
  return undefined;
}

/** Whether a customer silent since `lastInteractionAt` should now be marked silent. */
export function silenceMove(facts: CustomerFacts, nowIso: string, silenceMs: number): StageMove | undefined {
  if (!facts.lastInteractionAt || facts.stage === 'silent' || facts.stage === 'cold') return undefined;
  const quietFor = Date.parse(nowIso) - Date.parse(facts.lastInteractionAt);
  return quietFor >= silenceMs ? { to: 'silent', reason: `no interaction for ${STAGE_RULES.silenceAfter}` } : undefined;
}

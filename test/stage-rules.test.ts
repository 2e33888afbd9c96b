import { describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../domain/events.js';
import { applyEventToFacts, type CustomerFacts, silenceMove } from '../domain/stage-rules.js';

const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({ stage: null, stageSince: null, orders: 0, totalValue: 0, lastInteractionAt: null, ...over });
const event = (type: string, occurredAt: string, properties: Record<string, unknown> = {}): CustomerEvent => ({ eventId: `${type}@${occurredAt}`, customerId: 'c', type, occurredAt, properties });
const DAY = 86_400_000;

describe('stage rules', () => {
  it('registered → new; first order → active; thresholds → high value', () => {
    expect(applyEventToFacts(facts(), event('customer.registered', '2026-01-01T00:00:00Z')).move).toEqual({ to: 'new', reason: 'registered' });
    const first = applyEventToFacts(facts({ stage: 'nurturing' }), event('order.placed', '2026-01-02T00:00:00Z', { orderTotal: 50 }));
    expect(first.move).toEqual({ to: 'active', reason: 'first order' });
    expect(first.facts).toMatchObject({ orders: 1, totalValue: 50, lastInteractionAt: '2026-01-02T00:00:00Z' });
    const big = applyEventToFacts(facts({ stage: 'active', orders: 4, totalValue: 100 }), event('order.placed', '2026-01-03T00:00:00Z', { orderTotal: 10 }));
    expect(big.move?.to).toBe('high_value');
  });

  it('an interaction while silent or cold → returning; an unknown event moves nothing', () => {
    expect(applyEventToFacts(facts({ stage: 'cold' }), event('customer.interacted', '2026-02-01T00:00:00Z')).move?.to).toBe('returning');
    expect(applyEventToFacts(facts({ stage: 'silent' }), event('newsletter.opened', '2026-02-01T00:00:00Z')).move).toBeUndefined();
  });

  it('an event that arrives late never moves the stage backwards, nor the last interaction', () => {
    const silentSince = facts({ stage: 'silent', stageSince: '2026-03-01T00:00:00Z', lastInteractionAt: '2026-01-15T00:00:00Z' });
    const late = applyEventToFacts(silentSince, event('customer.interacted', '2026-01-10T00:00:00Z'));
    expect(late.move).toBeUndefined();
    expect(late.facts.lastInteractionAt).toBe('2026-01-15T00:00:00Z');
    expect(applyEventToFacts(silentSince, event('customer.interacted', '2026-03-02T00:00:00Z')).move?.to).toBe('returning');
  });

  it('silence: 45 days after the last interaction, not before, and never for a cold customer', () => {
    const active = facts({ stage: 'active', lastInteractionAt: '2026-01-01T00:00:00Z' });
    expect(silenceMove(active, new Date(Date.parse('2026-01-01T00:00:00Z') + 44 * DAY).toISOString(), 45 * DAY)).toBeUndefined();
    expect(silenceMove(active, new Date(Date.parse('2026-01-01T00:00:00Z') + 45 * DAY).toISOString(), 45 * DAY)?.to).toBe('silent');
    expect(silenceMove({ ...active, stage: 'cold' }, '2027-01-01T00:00:00Z', 45 * DAY)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import type { CustomerEvent } from '../domain/events.js';
import { applyEventToFacts, type CustomerFacts, isSensitive, reevaluateMove, STAGE_RULES, silenceMove } from '../domain/stage-rules.js';

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

  it('a published version moves customers by its own thresholds', () => {
    const third = applyEventToFacts(facts({ stage: 'active', orders: 2, totalValue: 200 }), event('order.placed', '2026-04-01T00:00:00Z', { orderTotal: 100 }), { highValue: { orders: 3, totalValue: 10_000 } });
    expect(third.move).toEqual({ to: 'high_value', reason: '3 orders worth 300 (thresholds 3 orders or 10000)' });
    expect(applyEventToFacts(facts({ stage: 'active', orders: 2, totalValue: 200 }), event('order.placed', '2026-04-01T00:00:00Z', { orderTotal: 100 })).move).toBeUndefined();
  });

  it('a rollback undoes only the high-value moves the old thresholds would not have made', () => {
    const v1 = { version: 'stage-rules@1', highValue: { orders: 5, totalValue: 10_000 }, sensitive: [] };
    const three = { stage: 'high_value' as const, orders: 3, totalValue: 300 };
    expect(reevaluateMove(three, { from: 'active', to: 'high_value' }, v1, 'stage-rules@2')).toMatchObject({ to: 'active' });
    expect(reevaluateMove({ ...three, orders: 6 }, { from: 'active', to: 'high_value' }, v1, 'stage-rules@2')).toBeUndefined();
    // A version with higher thresholds kept someone active whom the rules in force again make high value.
    expect(reevaluateMove({ stage: 'active', orders: 5, totalValue: 500 }, { from: 'new', to: 'active' }, v1, 'stage-rules@3')).toMatchObject({ to: 'high_value' });
    expect(reevaluateMove({ stage: 'silent', orders: 1, totalValue: 10 }, { from: 'active', to: 'silent' }, v1, 'stage-rules@2')).toBeUndefined();
  });

  it('high value → cold is sensitive by default; other changes are not', () => {
    expect(isSensitive(STAGE_RULES, 'high_value', 'cold')).toBe(true);
    expect(isSensitive(STAGE_RULES, 'silent', 'cold')).toBe(false);
    expect(isSensitive(STAGE_RULES, 'high_value', 'silent')).toBe(false);
  });

  it('a stage set by hand, and a merged customer whose orders add up', () => {
    const manual = applyEventToFacts(facts({ stage: 'active' }), event('tideway.stage_set', '2026-05-01T00:00:00Z', { stage: 'cold', reason: 'asked to stop', approvalId: 'a1' }));
    expect(manual.move).toEqual({ to: 'cold', reason: 'asked to stop', approvalId: 'a1' });
    expect(manual.facts.lastInteractionAt).toBeNull();
    expect(applyEventToFacts(facts(), event('tideway.stage_set', '2026-05-01T00:00:00Z', { stage: 'sleepy' })).move).toBeUndefined();
    const merged = applyEventToFacts(
      facts({ stage: 'active', orders: 3, totalValue: 5_000, lastInteractionAt: '2026-05-01T00:00:00.000Z' }),
      event('customer.merged', '2026-05-02T00:00:00Z', { otherId: 'o', orders: 2, totalValue: 6_000, lastInteractionAt: '2026-05-01T12:00:00.000Z' }),
    );
    expect(merged.facts).toMatchObject({ orders: 5, totalValue: 11_000, lastInteractionAt: '2026-05-01T12:00:00.000Z' });
    expect(merged.move).toEqual({ to: 'high_value', reason: 'merged with o: 5 orders worth 11000 (thresholds 5 orders or 10000)' });
  });
});

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { defineJourney } from '../../domain/journey.js';
import { stickyArm } from '../../domain/split.js';
import { nurture } from '../../journeys/nurture.js';
import { createJourneyKit, type JourneyKit } from '../../testkit/journey-kit.js';

let kit: JourneyKit;
beforeAll(async () => {
  kit = await createJourneyKit(inject('testServerPath'));
});
afterAll(async () => {
  await kit?.teardown();
});

const arms = [
  { name: 'reminded', weight: 1, steps: [{ kind: 'send' as const, key: 'reminder', channel: 'email' as const, template: 'winback-reminder' }] },
  { name: 'control', weight: 1, holdout: true, steps: [] },
];

/** A win-back with a holdout first: everything after the split is an outward effect or a wait. */
const withHoldout = defineJourney({
  id: 'holdout-test',
  name: 'Win back, with a holdout',
  entry: { stage: 'silent' },
  reentry: 'always',
  goal: { events: ['order.placed'], then: [{ kind: 'setStage', key: 'to-active', stage: 'active', reason: 'ordered' }] },
  steps: [
    { kind: 'split', key: 'reminder-test', experiment: 'reminder-test', arms },
    { kind: 'wait', key: 'three-days', duration: '3 days' },
    { kind: 'tag', key: 'tag-reminded', add: ['reminded'] },
    { kind: 'webhook', key: 'tell-crm', target: 'crm', event: 'winback.reminded' },
    { kind: 'humanTask', key: 'call', title: 'Call', queue: 'customer-success', sla: '2 days', onOverdue: [{ kind: 'send', key: 'last-try', channel: 'sms', template: 'winback-coupon' }] },
    { kind: 'wait', key: 'last-week', duration: '7 days' },
  ],
});

/** A customer id the split puts in `arm` (it is sticky by id, so the first that fits stays the same). */
const customerIn = (experiment: string, splitArms: { name: string; weight: number }[], arm: string) =>
  Array.from({ length: 100 }, (_, n) => `holdout-customer-${n}`).find((id) => stickyArm(experiment, id, splitArms).name === arm)!;

describe('a holdout arm', () => {
  it('gets no message, task, webhook, tag or stage, and still reaches the goal on the goal event', async () => {
    const id = customerIn('reminder-test', arms, 'control');
    const result = await kit.run(withHoldout, { id, stage: 'silent' }, async (journey) => {
      await journey.pass('4 days');
      expect((await journey.state()).waitingFor).toContain('holdout: not opened');
      await journey.event('order.placed', { orderTotal: 30 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.arms).toEqual({ 'reminder-test': 'control' });
    expect(result.sent).toEqual([]);
    expect(result.tasks).toEqual([]);
    expect(result.webhooks).toEqual([]);
    expect(result.customer).toEqual({ stage: 'silent', tags: [] });
    expect(result.holdoutSkipped).toEqual(['tag-reminded', 'tell-crm', 'call', 'to-active']);
    const summaries = (result.history.events ?? []).flatMap((e) => (e.userMetadata?.summary?.data ? [Buffer.from(e.userMetadata.summary.data).toString()] : []));
    expect(summaries.some((s) => s.includes('holdout: webhook tell-crm skipped'))).toBe(true);
  });

  it('waits as long as the other arms, its skipped task counting as overdue', async () => {
    const id = customerIn('reminder-test', arms, 'control');
    const result = await kit.run(withHoldout, { id, stage: 'silent' });
    expect(result.outcome).toBe('completed');
    expect(result.sent).toEqual([]);
    expect(result.holdoutSkipped).toEqual(['tag-reminded', 'tell-crm', 'call', 'last-try']);
    expect(result.completedSteps).toEqual(['reminder-test', 'three-days', 'tag-reminded', 'tell-crm', 'last-try', 'call', 'last-week']);
  });

  it('the other arm goes on as before', async () => {
    const id = customerIn('reminder-test', arms, 'reminded');
    const result = await kit.run(withHoldout, { id, stage: 'silent' }, async (journey) => {
      await journey.pass('4 days');
      await journey.event('order.placed', { orderTotal: 30 });
    });
    expect(result.outcome).toBe('goal_reached');
    expect(result.sent.map((m) => m.template)).toEqual(['winback-reminder']);
    expect(result.tasks.map((t) => t.step)).toEqual(['call']);
    expect(result.webhooks).toEqual([{ target: 'crm', event: 'winback.reminded' }]);
    expect(result.customer).toEqual({ stage: 'active', tags: ['reminded'] });
    expect(result.holdoutSkipped).toEqual([]);
  });

  it("in nurture, the holdout gets the content but not the offer", async () => {
    const split = nurture.steps.find((step) => step.kind === 'split')!;
    const id = customerIn('nurture-offer', split.kind === 'split' ? split.arms : [], 'no-offer');
    const result = await kit.run(nurture, { id, stage: 'nurturing' });
    expect(result.arms).toEqual({ 'nurture-offer': 'no-offer' });
    expect(result.sent.map((m) => m.template)).toEqual(['nurture-tips', 'nurture-case-study']);
    expect(result.outcome).toBe('completed');
  });
});

describe('holdout arms in a definition', () => {
  const { version: _version, ...definition } = withHoldout;
  const define = (splitArms: unknown) => () =>
    defineJourney({ ...definition, steps: [{ kind: 'split', key: 'split', experiment: 'x', arms: splitArms as typeof arms }] });

  it('at most one per split, and without steps of its own', () => {
    expect(define([arms[0], { ...arms[1], name: 'a' }, { ...arms[1], name: 'b' }])).toThrow(/at most one holdout arm per split \("a", "b"\)/);
    expect(define([arms[0], { ...arms[1], steps: arms[0]!.steps }])).toThrow(/steps\.0\.arms\.1\.steps: holdout arm "control" sends nothing, so it has no steps of its own/);
    expect(define(arms)).not.toThrow();
  });
});

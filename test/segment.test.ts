import { describe, expect, it } from 'vitest';
import { defineJourney, type JourneyDefinition } from '../domain/journey.js';
import { type Segment, segmentMatches } from '../domain/segment.js';
import { describeSegment } from '../domain/segment-text.js';
import { cronProblem } from '../domain/schedule-entry.js';
import { segmentFilter } from '../store/segment-query.js';

const NOW = Date.parse('2026-12-07T02:00:00Z');
const journey = (entry: unknown): JourneyDefinition => ({
  id: 'weekly-rescue',
  name: 'Weekly rescue',
  entry: entry as JourneyDefinition['entry'],
  reentry: { after: '7 days' },
  steps: [{ kind: 'end', key: 'done', outcome: 'completed', reason: 'nothing to do' }],
});
const refusal = (entry: unknown) => {
  try {
    defineJourney(journey(entry));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};
const atRisk: Segment = { all: [{ stageIn: ['active'] }, { health: { below: 40 } }] };

describe('a scheduled journey is refused when it loads with', () => {
  it('accepts "every Monday 10:00, active customers with health < 40"', () => {
    const loaded = defineJourney(journey({ schedule: { cron: '0 10 * * MON', timezone: 'Asia/Shanghai', segment: atRisk } }));
    expect(loaded.entry).toEqual({ schedule: { cron: '0 10 * * MON', timezone: 'Asia/Shanghai', segment: atRisk } });
  });

  it.each([
    ['a cron with an hour past 23', { cron: '0 24 * * MON', timezone: 'UTC', segment: atRisk }, 'entry.schedule.cron: cron hour "24"'],
    ['a cron with four fields', { cron: '0 10 * *', timezone: 'UTC', segment: atRisk }, 'entry.schedule.cron: a cron has 5 fields'],
    ['an unknown weekday', { cron: '0 10 * * MOON', timezone: 'UTC', segment: atRisk }, 'entry.schedule.cron: cron day of week "MOON"'],
    ['an unknown timezone', { cron: '0 10 * * MON', timezone: 'Asia/Atlantis', segment: atRisk }, 'entry.schedule.timezone: an IANA timezone'],
    ['a health bound past 100', { cron: '@weekly', timezone: 'UTC', segment: { all: [{ health: { below: 140 } }] } }, 'entry.schedule.segment.all.0.health.below'],
    ['an unknown stage', { cron: '@daily', timezone: 'UTC', segment: { stageIn: ['dormant'] } }, 'entry.schedule.segment.stageIn.0'],
    ['a date that is not a calendar date', { cron: '@daily', timezone: 'UTC', segment: { attribute: 'contractRenewal', before: '2026-02-30' } }, 'entry.schedule.segment.before: a calendar date'],
    ['an event term without a period', { cron: '@daily', timezone: 'UTC', segment: { not: { event: 'order.placed' } } }, 'entry.schedule.segment.not'],
    ['an attribute term with no test', { cron: '@daily', timezone: 'UTC', segment: { attribute: 'plan' } }, 'give equals, before, after or within'],
  ])('%s', (_, schedule, where) => {
    const message = refusal({ schedule });
    expect(message).toContain('Journey "weekly-rescue" is invalid');
    expect(message).toContain(where);
  });

  it('a date entry with a bad time or attribute', () => {
    expect(refusal({ date: { attribute: 'birthday', every: 'year', at: '9:00' } })).toContain('entry.date.at: a local time like "09:00"');
    expect(refusal({ date: { attribute: 'birth day', every: 'year', at: '09:00' } })).toContain('entry.date.attribute');
    expect(refusal({ date: { attribute: 'birthday', every: 'month', at: '09:00' } })).toContain('entry.date.every');
    expect(refusal({ date: { attribute: 'birthday', every: 'year', at: '09:00' } })).toBeUndefined();
  });
});

describe('cron strings', () => {
  it.each(['0 10 * * MON', '*/15 9-17 * * 1-5', '30 8 1,15 * *', '0 0 1 JAN-MAR *', '@hourly', '0 9 * * 7'])('reads %s', (cron) => expect(cronProblem(cron)).toBeUndefined());
  it.each(['60 * * * *', '* * 0 * *', '* * * 13 *', '*/0 * * * *', '5-1 * * * *', '@fortnightly', ''])('refuses %s', (cron) => expect(cronProblem(cron)).toBeDefined());
});

describe('a segment as a store filter', () => {
  it('compiles stage, health, tags and attributes into one filter', () => {
    const segment: Segment = {
      all: [
        { stageIn: ['active', 'returning'] },
        { health: { atLeast: 10, below: 40 } },
        { any: [{ hasTag: 'vip' }, { attribute: 'plan', equals: 'pro' }] },
        { attribute: 'contractRenewal', within: '30 days' },
      ],
    };
    expect(segmentFilter(segment, NOW)).toEqual({
      $and: [
        { stage: { $in: ['active', 'returning'] } },
        { 'health.score': { $gte: 10, $lt: 40 } },
        { $or: [{ tags: 'vip' }, { 'attributes.plan': 'pro' }] },
        { 'attributes.contractRenewal': { $gte: '2026-12-07', $lte: '2027-01-05' } },
      ],
    });
    expect(describeSegment(segment)).toBe('stage in [active, returning] and health ≥ 10 and health < 40 and (tag vip or plan = pro) and contractRenewal within 30 days');
  });

  it('lets every customer through an event term (checked per page), and none through one under not', () => {
    expect(segmentFilter({ all: [{ stageIn: ['active'] }, { event: 'order.placed', within: '30 days' }] }, NOW)).toEqual({ stage: { $in: ['active'] } });
    // not(event) cannot be decided by the store, so the filter keeps everyone in the other terms.
    expect(segmentFilter({ all: [{ hasTag: 'vip' }, { not: { event: 'order.placed', within: '30 days' } }] }, NOW)).toEqual({ tags: 'vip' });
    expect(segmentFilter({ not: { any: [{ hasTag: 'vip' }, { event: 'order.placed', within: '30 days' }] } }, NOW)).toEqual({ $nor: [{ tags: 'vip' }] });
    expect(segmentFilter({ any: [{ hasTag: 'vip' }, { event: 'order.placed', within: '30 days' }] }, NOW)).toEqual({});
  });

  it('decides each customer the way the filter does, and the event terms from their recent events', () => {
    const segment: Segment = { all: [atRisk, { not: { event: 'order.placed', within: '30 days' } }, { attribute: 'signedUp', before: '2026-01-01' }] };
    const customer = { stage: 'active', health: { score: 35 }, tags: [], attributes: { signedUp: '2025-06-01' } };
    expect(segmentMatches(segment, customer, new Map(), NOW)).toBe(true);
    expect(segmentMatches(segment, customer, new Map([['order.placed', NOW - 29 * 86_400_000]]), NOW)).toBe(false);
    expect(segmentMatches(segment, customer, new Map([['order.placed', NOW - 31 * 86_400_000]]), NOW)).toBe(true);
    expect(segmentMatches(segment, { ...customer, health: { score: 40 } }, new Map(), NOW)).toBe(false);
    expect(segmentMatches(segment, { ...customer, health: null }, new Map(), NOW)).toBe(false);
    expect(segmentMatches(segment, { ...customer, attributes: { signedUp: '2026-01-01' } }, new Map(), NOW)).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defineJourney, type JourneyDefinition } from '../domain/journey.js';
import { refusalIn, refusalPhrase, refusalReason } from '../domain/refusal.js';

const labelled = JSON.parse(readFileSync(new URL('./fixtures/refusals.json', import.meta.url), 'utf8')) as { text: string; refusal: boolean }[];

describe('refusal classifier on the labelled set (Chinese and English)', () => {
  it('finds refusals with precision ≥ 0.95 and recall ≥ 0.90', () => {
    const flagged = labelled.filter(({ text }) => refusalPhrase(text) !== undefined);
    const truePositives = flagged.filter((l) => l.refusal).length;
    const precision = truePositives / flagged.length;
    const recall = truePositives / labelled.filter((l) => l.refusal).length;
    const wrong = labelled.filter((l) => (refusalPhrase(l.text) !== undefined) !== l.refusal).map((l) => l.text);
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    expect(precision, wrong.join(' | ')).toBeGreaterThanOrEqual(0.95);
    expect(recall, wrong.join(' | ')).toBeGreaterThanOrEqual(0.9);
  });

  it('names the phrase that refused', () => {
    expect(refusalPhrase('不需要了,别再发了')).toBe('不需要');
    expect(refusalPhrase('Please stop texting me')).toBe('stop texting');
    expect(refusalPhrase('STOP')).toBe('stop');
  });

  it('reads negation and questions: "don\'t stop", 我不是不需要 and 不需要付运费吗 refuse nothing', () => {
    expect(refusalPhrase("don't stop")).toBeUndefined();
    expect(refusalPhrase('Don’t stop sending me deals')).toBeUndefined();
    expect(refusalPhrase('我不是不需要，只是最近太忙')).toBeUndefined();
    expect(refusalPhrase('不需要付运费吗？')).toBeUndefined();
    expect(refusalPhrase('can you stop texting me?')).toBe('stop texting');
  });
});

describe('the refusal an event carries', () => {
  it('comes with the channel the reply came through, email when the event names none', () => {
    expect(refusalIn({ properties: { channel: 'sms', text: '别再发了' } })).toEqual({ phrase: '别再发', text: '别再发了', channel: 'sms' });
    expect(refusalIn({ properties: { text: 'not interested' } })?.channel).toBe('email');
    expect(refusalIn({ properties: { channel: 'phone', text: 'not interested' } })?.channel).toBeNull();
  });

  it('is absent without a refusing text', () => {
    expect(refusalIn({ properties: { channel: 'sms', text: '好的,我看看' } })).toBeUndefined();
    expect(refusalIn({ properties: {} })).toBeUndefined();
    expect(refusalIn({ properties: { text: 42 } })).toBeUndefined();
  });

  it('gives a reason with the phrase and the reply, cut at 80 characters', () => {
    expect(refusalReason({ phrase: '不需要', text: '不需要了', channel: 'sms' })).toBe('refused "不需要" (sms): 不需要了');
    const long = `stop ${'x'.repeat(100)}`;
    expect(refusalReason({ phrase: 'stop', text: long, channel: null })).toBe(`refused "stop": ${long.slice(0, 80)}…`);
  });
});

describe("a journey's refusal clause", () => {
  const journey: JourneyDefinition = {
    id: 'asks',
    name: 'Asks',
    entry: { event: 'order.placed' },
    reentry: 'always',
    refusal: { events: ['customer.interacted'], then: [{ kind: 'tag', key: 'refused', add: ['refused'] }] },
    steps: [{ kind: 'wait', key: 'pause', duration: '2 days' }],
  };

  it('is part of the definition and its version', () => {
    const { refusal: _refusal, ...without } = journey;
    expect(defineJourney(journey).refusal).toEqual(journey.refusal);
    expect(defineJourney(journey).version).not.toBe(defineJourney(without).version);
  });

  it('names the field when it is wrong: no events, a step key used twice', () => {
    expect(() => defineJourney({ ...journey, refusal: { events: [], then: [] } })).toThrow(/at refusal\.events: /);
    expect(() => defineJourney({ ...journey, refusal: { events: ['customer.interacted'], then: [{ kind: 'tag', key: 'pause', add: ['x'] }] } })).toThrow(/step key "pause" is used twice/);
  });
});

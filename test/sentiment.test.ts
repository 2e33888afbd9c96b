import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClearlyNegative, sentimentScore } from '../domain/sentiment.js';

const labelled = JSON.parse(readFileSync(new URL('./fixtures/sentiment.json', import.meta.url), 'utf8')) as { text: string; label: 'negative' | 'neutral' | 'positive' }[];

describe('sentiment scorer on the labelled set (Chinese and English)', () => {
  it('flags clearly negative messages, and not neutral or positive ones, on at least 90% of the set', () => {
    const right = labelled.filter(({ text, label }) => isClearlyNegative(text) === (label === 'negative'));
    const accuracy = right.length / labelled.length;
    expect(accuracy, labelled.filter((l) => !right.includes(l)).map((l) => l.text).join(' | ')).toBeGreaterThanOrEqual(0.9);
  });

  it('never flags a neutral question', () => {
    for (const { text } of labelled.filter((l) => l.label === 'neutral')) expect(isClearlyNegative(text), text).toBe(false);
  });

  it('reads negation: "not good" and 不满意 are negative, 满意 is positive', () => {
    expect(sentimentScore('not good')).toBeLessThan(0);
    expect(sentimentScore('很不满意')).toBeLessThan(0);
    expect(sentimentScore('很满意')).toBeGreaterThan(0);
  });
});

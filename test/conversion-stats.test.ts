import { describe, expect, it } from 'vitest';
import { CONFIDENCE_LEVEL, conversionRate, rateDifference, wilsonInterval } from '../domain/conversion-stats.js';

/** Wilson's score interval written out from the textbook formula, z for 95 %. */
function wilsonByFormula(successes: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - spread) / (1 + (z * z) / n), (centre + spread) / (1 + (z * z) / n)];
}

describe('Wilson score interval at 95 %', () => {
  it('is all of [0, 1] when nobody entered, and the rate is unknown', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(conversionRate(0, 0)).toBeNull();
    expect(CONFIDENCE_LEVEL).toBe(0.95);
  });

  it.each([
    // successes, n, published values (Newcombe 1998, Table I; the usual Wilson tables)
    [0, 10, 0, 0.2775],
    [5, 10, 0.2366, 0.7634],
    [50, 100, 0.4038, 0.5962],
    [1000, 1000, 0.9962, 1],
  ])('%i of %i: [%f, %f]', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    const [formulaLow, formulaHigh] = wilsonByFormula(successes, n);
    expect(interval.low).toBeCloseTo(Math.max(0, formulaLow), 12);
    expect(interval.high).toBeCloseTo(Math.min(1, formulaHigh), 12);
  });

  it('stays inside [0, 1] at the edges and holds the rate', () => {
    for (const [successes, n] of [[0, 1], [1, 1], [0, 1000], [1000, 1000], [3, 7]] as const) {
      const { low, high } = wilsonInterval(successes, n);
      expect(low).toBeGreaterThanOrEqual(0);
      expect(high).toBeLessThanOrEqual(1);
      expect(low).toBeLessThanOrEqual(successes / n);
      expect(high).toBeGreaterThanOrEqual(successes / n);
    }
    expect(conversionRate(5, 10)).toBe(0.5);
  });
});

describe('difference of two arms (Newcombe, method 10)', () => {
  it('matches the published example 56/70 against 48/80: 0.2 in [0.0524, 0.3339]', () => {
    const result = rateDifference({ goalReached: 56, entered: 70 }, { goalReached: 48, entered: 80 })!;
    expect(result.difference).toBeCloseTo(0.2, 12);
    expect(result.low).toBeCloseTo(0.0524, 4);
    expect(result.high).toBeCloseTo(0.3339, 4);
  });

  it('is symmetric, and unknown while an arm has nobody', () => {
    const ab = rateDifference({ goalReached: 9, entered: 10 }, { goalReached: 3, entered: 10 })!;
    const ba = rateDifference({ goalReached: 3, entered: 10 }, { goalReached: 9, entered: 10 })!;
    expect(ba.difference).toBeCloseTo(-ab.difference, 12);
    expect(ba.low).toBeCloseTo(-ab.high, 12);
    expect(ba.high).toBeCloseTo(-ab.low, 12);
    expect(rateDifference({ goalReached: 0, entered: 0 }, { goalReached: 3, entered: 10 })).toBeNull();
  });
});

/**
 * Conversion of an experiment's arms: the rate, its Wilson score interval, and the difference of two arms with
 * Newcombe's interval built from theirs (Newcombe 1998, method 10). Both stay inside [0, 1] (or [-1, 1]) and
 * behave at 0 and at n, where the textbook normal interval does not.
 */

/** Confidence level of every interval the reports give. */
export const CONFIDENCE_LEVEL = 0.95;
/** The standard normal quantile for a two-sided 95 % interval. */
const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The share of `entered` that reached the goal; null when nobody entered. */
export function conversionRate(goalReached: number, entered: number): number | null {
  return entered > 0 ? goalReached / entered : null;
}

/** The 95 % Wilson score interval of a proportion; with no trials it is all of [0, 1]. */
export function wilsonInterval(successes: number, trials: number): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = successes / trials;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z_95 / denominator) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // The interval holds p; rounding must not push it past p at 0 or n.
  return { low: Math.max(0, Math.min(p, centre - half)), high: Math.min(1, Math.max(p, centre + half)) };
}

/** One arm's conversion against another's (e.g. the holdout's): the difference of the rates with its 95 % interval. */
export function rateDifference(arm: { goalReached: number; entered: number }, control: { goalReached: number; entered: number }): (Interval & { difference: number }) | null {
  if (arm.entered <= 0 || control.entered <= 0) return null;
  const p1 = arm.goalReached / arm.entered;
  const p2 = control.goalReached / control.entered;
  const a = wilsonInterval(arm.goalReached, arm.entered);
  const b = wilsonInterval(control.goalReached, control.entered);
  const difference = p1 - p2;
  return {
    difference,
    low: Math.max(-1, difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2)),
    high: Math.min(1, difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2)),
  };
}

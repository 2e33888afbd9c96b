import { stableHash } from './hash.js';

/** The arm a customer gets in an experiment: a hash of both, so the same customer always gets the same arm. */
export function stickyArm<A extends { name: string; weight: number }>(experiment: string, customerId: string, arms: A[]): A {
  const total = arms.reduce((sum, arm) => sum + arm.weight, 0);
  let point = parseInt(stableHash(`${experiment}\u0000${customerId}`).slice(-8), 16) % total;
  for (const arm of arms) {
    if (point < arm.weight) return arm;
    point -= arm.weight;
  }
  return arms[arms.length - 1]!;
}

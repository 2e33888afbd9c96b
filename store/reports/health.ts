import { URGENT_REVIEW_QUEUE } from '../../domain/task-routing.js';
import { type CustomerDoc, CustomerModel } from '../models/customer.js';
import { TaskModel } from '../models/task.js';

type Scored = { _id: string; health?: { score?: number | null } | null };

/** How many open urgent reviews the at-risk list reads at most. */
const REVIEWS_READ = 1_000;

export interface HealthBucket {
  /** Scores from `from` up to `to` (included); the last bucket is 90–100. */
  from: number;
  to: number;
  count: number;
}

/** Health scores in 10-point buckets, and customers without a score yet. Reads every customer's score: a scan, projected to the one field. */
export async function healthDistribution(): Promise<{ buckets: HealthBucket[]; unscored: number }> {
  const buckets: HealthBucket[] = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  let unscored = 0;
  for await (const customer of CustomerModel.find({ mergedInto: null }, { 'health.score': 1 }).lean<Scored>().cursor()) {
    const score = customer.health?.score;
    if (typeof score !== 'number') unscored++;
    else buckets[Math.min(9, Math.max(0, Math.floor(score / 10)))]!.count++;
  }
  return { buckets, unscored };
}

export interface AtRisk {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  stage: string | null;
  score: number | null;
  /** `health 32 < 40`, `open urgent review: <title>`, or both (`; `). */
  reason: string;
}

/**
 * Customers at risk: an open urgent review (first, oldest first), or a health score below the threshold
 * (lowest first); at most `limit`, with how many there are in all. Filters on the score and on open
 * tasks: scans on FerretDB's SQLite backend.
 */
export async function customersAtRisk(threshold: number, limit: number): Promise<{ total: number; customers: AtRisk[] }> {
  const lowHealth = { mergedInto: null, 'health.score': { $lt: threshold } };
  const [reviews, low, lowCount] = await Promise.all([
    TaskModel.find({ status: 'open', $or: [{ requestedQueue: URGENT_REVIEW_QUEUE }, { queue: URGENT_REVIEW_QUEUE }] }, { customerId: 1, title: 1 })
      .sort({ createdAt: 1 })
      .limit(REVIEWS_READ)
      .lean(),
    CustomerModel.find(lowHealth, { _id: 1 }).sort({ 'health.score': 1 }).limit(limit).lean(),
    CustomerModel.countDocuments(lowHealth),
  ]);
  const reviewed = new Map<string, string>();
  for (const review of reviews) if (!reviewed.has(review.customerId)) reviewed.set(review.customerId, review.title);
  const ids = [...new Set([...reviewed.keys(), ...low.map((c) => c._id)])];
  const profiles = await CustomerModel.find({ _id: { $in: ids }, mergedInto: null }, { name: 1, email: 1, phone: 1, stage: 1, 'health.score': 1 }).lean<(Scored & Pick<CustomerDoc, 'name' | 'email' | 'phone' | 'stage'>)[]>();
  const byId = new Map(profiles.map((p) => [p._id, p]));
  const customers = ids.flatMap((id): AtRisk[] => {
    const profile = byId.get(id);
    if (!profile) return [];
    const score = typeof profile.health?.score === 'number' ? profile.health.score : null;
    const reasons = [
      ...(reviewed.has(id) ? [`open urgent review: ${reviewed.get(id)}`] : []),
      ...(score !== null && score < threshold ? [`health ${score} < ${threshold}`] : []),
    ];
    return [{ id, name: profile.name ?? null, email: profile.email ?? null, phone: profile.phone ?? null, stage: profile.stage ?? null, score, reason: reasons.join('; ') }];
  });
  // Reviewed customers whose score is not low are not in the count of low scores.
  const reviewedOnly = customers.filter((c) => reviewed.has(c.id) && !(c.score !== null && c.score < threshold)).length;
  return { total: lowCount + reviewedOnly, customers: customers.slice(0, limit) };
}

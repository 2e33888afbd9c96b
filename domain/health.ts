import { z } from 'zod';
import type { CustomerEvent } from './events.js';

/** The business's health model: a weight per component (their sum is the most a score can move from 50) and how fast signals fade. */
export const healthModelSchema = z.strictObject({
  weights: z.strictObject({
    frequency: z.number().min(0),
    satisfaction: z.number().min(0),
    resolution: z.number().min(0),
    positive: z.number().min(0),
    negative: z.number().min(0),
    repurchase: z.number().min(0),
    clicks: z.number().min(0),
  }),
  /** A signal counts half as much after this many days. */
  halfLifeDays: z.number().positive(),
  /** Interactions (decayed) that count as fully engaged. */
  engagedInteractions: z.number().positive(),
  /** Clicks (decayed) that count as fully engaged. */
  engagedClicks: z.number().positive(),
  /** Hours to resolve a task that count as slow (score 0 for resolution). */
  slowResolutionHours: z.number().positive(),
});

export type HealthModel = z.infer<typeof healthModelSchema>;

/** Decayed counters and the latest measures a score is computed from. */
export interface HealthSignals {
  at: string | null;
  interactions: number;
  positive: number;
  negative: number;
  clicks: number;
  orders: number;
  /** Latest survey score, 1–5. */
  satisfaction: number | null;
  /** Latest task resolution time, hours. */
  resolutionHours: number | null;
}

export const EMPTY_SIGNALS: HealthSignals = { at: null, interactions: 0, positive: 0, negative: 0, clicks: 0, orders: 0, satisfaction: null, resolutionHours: null };

const decay = (value: number, fromIso: string | null, toIso: string, halfLifeDays: number) =>
  fromIso ? value * 0.5 ** (Math.max(0, Date.parse(toIso) - Date.parse(fromIso)) / (halfLifeDays * 86_400_000)) : value;

function decayed(signals: HealthSignals, at: string, model: HealthModel): HealthSignals {
  if (!signals.at || at <= signals.at) return signals;
  const d = (v: number) => decay(v, signals.at, at, model.halfLifeDays);
  return { ...signals, at, interactions: d(signals.interactions), positive: d(signals.positive), negative: d(signals.negative), clicks: d(signals.clicks) };
}

const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The signals after an event. `sentiment` is the event's text read as positive (>0) or negative (<0), if any. */
export function updateSignals(signals: HealthSignals, event: CustomerEvent, model: HealthModel, sentiment = 0): HealthSignals {
  const next = { ...decayed(signals, event.occurredAt, model) };
  if (!next.at || event.occurredAt > next.at) next.at = event.occurredAt;
  const p = event.properties;
  switch (event.type) {
    case 'customer.interacted':
    case 'demo.booked':
      next.interactions += 1;
      break;
    case 'order.placed':
      next.interactions += 1;
      next.orders += 1;
      break;
    case 'survey.completed':
      next.interactions += 1;
      if (number(p.score) !== undefined) next.satisfaction = Math.min(5, Math.max(1, number(p.score)!));
      break;
    case 'task.completed':
      if (number(p.resolutionHours) !== undefined) next.resolutionHours = Math.max(0, number(p.resolutionHours)!);
      break;
    case 'message.clicked':
      next.clicks += 1;
      break;
    case 'complaint.filed':
      next.negative += 1;
      break;
  }
  if (sentiment > 0) next.positive += 1;
  if (sentiment < 0) next.negative += 1;
  return next;
}

/** 0–100: 50 plus each component (−1…1, or 0…1) times its weight, signals decayed to `at`. */
export function healthScore(signals: HealthSignals, at: string, model: HealthModel): { score: number; components: Record<string, number> } {
  const s = decayed(signals, at, model);
  const components = {
    frequency: Math.min(1, s.interactions / model.engagedInteractions),
    satisfaction: s.satisfaction === null ? 0 : (s.satisfaction - 3) / 2,
    resolution: s.resolutionHours === null ? 0 : 1 - Math.min(1, s.resolutionHours / model.slowResolutionHours),
    positive: Math.min(1, s.positive / 3),
    negative: -Math.min(1, s.negative / 2),
    repurchase: s.orders >= 2 ? 1 : 0,
    clicks: Math.min(1, s.clicks / model.engagedClicks),
  };
  const raw = 50 + Object.entries(components).reduce((sum, [name, value]) => sum + value * model.weights[name as keyof HealthModel['weights']], 0);
  return { score: Math.round(Math.min(100, Math.max(0, raw))), components };
}

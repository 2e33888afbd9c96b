import { describe, expect, it } from 'vitest';
import { loadHealthModel } from '../../config/health-model.js';
import { EMPTY_SIGNALS, healthScore, updateSignals } from '../../domain/health.js';

const model = loadHealthModel();
const at = '2026-11-20T10:00:00.000Z';
/** The health score right after the satisfaction follow-up's survey answer, from a customer with nothing else on record. */
const afterSurvey = (score: number) =>
  healthScore(updateSignals(EMPTY_SIGNALS, { eventId: `s-${score}`, customerId: 'c', type: 'survey.completed', occurredAt: at, properties: { score } }, model), at, model);

describe('the satisfaction follow-up’s survey score (CSAT 1–5) feeds the health score', () => {
  it('a low score pulls health down, a neutral one leaves satisfaction at zero, a high one lifts it', () => {
    const [low, neutral, high] = [afterSurvey(2), afterSurvey(3), afterSurvey(5)];
    expect(low.components.satisfaction).toBe(-0.5);
    expect(neutral.components.satisfaction).toBe(0);
    expect(high.components.satisfaction).toBe(1);
    expect(low.score).toBeLessThan(neutral.score);
    expect(high.score - neutral.score).toBe(model.weights.satisfaction);
  });
});

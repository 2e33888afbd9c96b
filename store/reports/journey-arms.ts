import { CONFIDENCE_LEVEL, conversionRate, rateDifference, wilsonInterval } from '../../domain/conversion-stats.js';
import { allSteps, type Journey, type SplitStep } from '../../domain/journey.js';
import { JourneyRunModel } from '../models/journey-run.js';

/** A conversion rate with its 95 % Wilson interval: `conversionRate` is null while nobody entered. */
export function conversion(goalReached: number, entered: number) {
  return { conversionRate: conversionRate(goalReached, entered), confidence: { level: CONFIDENCE_LEVEL, ...wilsonInterval(goalReached, entered) } };
}

/**
 * Each arm of the journey's A/B splits: the runs that took it, those still going, how many reached the goal,
 * the conversion with its interval, and (when the split has a holdout arm) the difference from the holdout's
 * conversion with its 95 % interval (Newcombe's, from the two Wilson intervals). A run still going counts as
 * entered and not (yet) converted. A run's arms are stored when the split is taken (runs started before that:
 * when they finish; while going, they count once they passed one of the arm's own steps).
 */
export async function armResults(journey: Journey) {
  const splits = allSteps(journey).filter((step): step is SplitStep => step.kind === 'split');
  const lists = await Promise.all(
    splits.map(async ({ experiment, arms }) => {
      const field = `arms.${experiment}`;
      const [finished, running] = await Promise.all([
        JourneyRunModel.aggregate<{ _id: { arm: string; outcome: string | null }; count: number }>([
          { $match: { journeyId: journey.id, status: 'finished', [field]: { $exists: true } } },
          { $group: { _id: { arm: `$${field}`, outcome: '$outcome' }, count: { $sum: 1 } } },
        ]),
        Promise.all(
          arms.map((arm) => {
            const ownSteps = allSteps({ steps: arm.steps }).map((step) => step.key);
            return JourneyRunModel.countDocuments({ journeyId: journey.id, status: 'running', $or: [{ [field]: arm.name }, { 'steps.key': { $in: ownSteps } }] });
          }),
        ),
      ]);
      const counts = arms.map((arm, n) => {
        const mine = finished.filter(({ _id }) => _id.arm === arm.name);
        const sum = (rows: typeof mine) => rows.reduce((total, row) => total + row.count, 0);
        const goalReached = sum(mine.filter(({ _id }) => _id.outcome === 'goal_reached'));
        return { experiment, arm: arm.name, holdout: arm.holdout === true, entered: sum(mine) + running[n]!, inProgress: running[n]!, goalReached };
      });
      const holdout = counts.find((arm) => arm.holdout);
      return counts.map((arm) => {
        const versus = holdout && !arm.holdout ? rateDifference(arm, holdout) : null;
        const versusHoldout = versus && { holdoutArm: holdout!.arm, difference: versus.difference, confidence: { level: CONFIDENCE_LEVEL, low: versus.low, high: versus.high } };
        return { ...arm, ...conversion(arm.goalReached, arm.entered), versusHoldout };
      });
    }),
  );
  return lists.flat();
}

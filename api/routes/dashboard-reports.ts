import { Router } from 'express';
import { z } from 'zod';
import { welcome } from '../../journeys/welcome.js';
import { winBack } from '../../journeys/win-back.js';
import { coldPoolReasons, runCounts } from '../../store/reports/journey-outcomes.js';
import { customersAtRisk, healthDistribution } from '../../store/reports/health.js';
import { messageReport } from '../../store/reports/messages.js';
import { stageReport } from '../../store/reports/stages.js';
import { taskReport } from '../../store/reports/tasks.js';
import { route } from '../access.js';
import { parseInput } from '../problem.js';
import { periodOf, periodQuerySchema } from '../report-period.js';

/** The journeys whose runs count as win-back attempts. */
export const WIN_BACK_JOURNEYS = [winBack.id] as const;
/** The journeys whose runs count as welcomes. */
export const WELCOME_JOURNEYS = [welcome.id] as const;

export const healthReportQuerySchema = z.strictObject({
  /** A score below this puts a customer at risk. */
  threshold: z.coerce.number().min(0).max(100).default(40),
  /** How many customers at risk to list. */
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The dashboard's figures, one route each, so a service reads the same numbers as the console. */
export function dashboardReportRoutes(): Router {
  const router = Router();

  route(router, 'GET /v1/reports/stages', async (req, res) => {
    const period = periodOf(parseInput(periodQuerySchema, req.query, 'query'));
    res.json({ from: period.from, to: period.to, ...(await stageReport(period)) });
  });

  route(router, 'GET /v1/reports/win-back', async (_req, res) => {
    const [runs, coldPool] = await Promise.all([runCounts(WIN_BACK_JOURNEYS), coldPoolReasons()]);
    const wonBack = runs.finished.goal_reached ?? 0;
    const failed = runs.finished.failed ?? 0;
    // The customer said no (不需要, stop): not won back, so it counts against the success rate like a failure.
    const refused = runs.finished.refused ?? 0;
    res.json({
      journeys: WIN_BACK_JOURNEYS,
      entered: runs.entered,
      wonBack,
      failed,
      refused,
      inProgress: runs.inProgress,
      /** Finished otherwise: ended by hand or by a merge (`exited`), not approved for a sensitive customer (`completed`). */
      otherwise: runs.entered - runs.inProgress - wonBack - failed - refused,
      successRate: rate(wonBack, wonBack + failed + refused),
      coldPool,
    });
  });

  route(router, 'GET /v1/reports/welcome', async (_req, res) => {
    const runs = await runCounts(WELCOME_JOURNEYS);
    const completed = runs.finished.goal_reached ?? 0;
    res.json({ journeys: WELCOME_JOURNEYS, entered: runs.entered, completed, inProgress: runs.inProgress, completionRate: rate(completed, runs.entered) });
  });

  route(router, 'GET /v1/reports/health', async (req, res) => {
    const { threshold, limit } = parseInput(healthReportQuerySchema, req.query, 'query');
    const [distribution, atRisk] = await Promise.all([healthDistribution(), customersAtRisk(threshold, limit)]);
    res.json({ ...distribution, atRisk: { threshold, ...atRisk } });
  });

  route(router, 'GET /v1/reports/tasks', async (req, res) => {
    const period = periodOf(parseInput(periodQuerySchema, req.query, 'query'));
    res.json({ from: period.from, to: period.to, ...(await taskReport(period)) });
  });

  route(router, 'GET /v1/reports/messages', async (req, res) => {
    const period = periodOf(parseInput(periodQuerySchema, req.query, 'query'));
    res.json({ from: period.from, to: period.to, channels: await messageReport(period) });
  });

  return router;
}

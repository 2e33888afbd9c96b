import { JOURNEY_RUN_MAX_HISTORY_EVENTS } from '../workflows/run-resume.js';
import type { JourneyDriver } from './journey-kit.js';

/**
 * Plays a busy customer: enough page views (about one history event each) to pass the run's history
 * limit, then quiet until the run has continued as new (Temporal refuses a continue-as-new while new
 * events keep arriving). For tests that a journey resumes where it was.
 */
export async function browseUntilContinued(journey: JourneyDriver, { timeoutMs = 60_000 } = {}): Promise<void> {
  const before = await journey.runId();
  for (let sent = 0; sent < JOURNEY_RUN_MAX_HISTORY_EVENTS; sent += 20) {
    await Promise.all(Array.from({ length: 20 }, () => journey.event('page.viewed', { path: '/shop' })));
  }
  for (const deadline = Date.now() + timeoutMs; (await journey.runId()) === before; ) {
    if (Date.now() > deadline) throw new Error(`the run did not continue as new within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

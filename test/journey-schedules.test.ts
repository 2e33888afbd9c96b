import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../domain/date-entry.js';
import { defineJourney, type JourneyDefinition } from '../domain/journey.js';
import { NO_SEND_LIMITS } from '../domain/send-policy.js';
import { backfillJourneyEntries, reentryRefusal } from '../store/journey-reentry.js';
import { BACKFILLED_ID, JourneyEntryModel, journeyEntryId } from '../store/models/journey-entry.js';
import { CustomerModel } from '../store/models/customer.js';
import { JourneyRunModel } from '../store/models/journey-run.js';
import { dateEntriesScheduleId, journeyScheduleId, syncSchedules } from '../temporal/schedules.js';
import type { EnrolmentProgress } from '../workflows/segment-enrolment.js';
import type { DateSweep } from '../workflows/date-entries.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

const unique = Date.now().toString(36);
const prefix = `tideway-test-${unique}:`;
const tag = `rescue-${unique}`;
const birthday = `bd${unique}`;
const end = [{ kind: 'end' as const, key: 'done', outcome: 'completed' as const, reason: 'entered' }];

const rescueDefinition: JourneyDefinition = {
  id: `rescue-${unique}`,
  name: 'Weekly rescue of active customers at risk',
  entry: { schedule: { cron: '0 10 * * MON', timezone: 'Asia/Shanghai', segment: { all: [{ hasTag: tag }, { stageIn: ['active'] }, { health: { below: 40 } }] } } },
  reentry: 'never',
  steps: end,
};
const rescue = defineJourney(rescueDefinition);
const birthdays = defineJourney({ id: `birthday-${unique}`, name: 'Happy birthday', entry: { date: { attribute: birthday, every: 'year', at: '00:00' } }, reentry: 'always', steps: end });
const retired = defineJourney({ ...rescueDefinition, id: `retired-${unique}`, name: 'No longer scheduled' });

let api: Harness;
beforeAll(async () => {
  api = await startHarness(`schedules-${unique}`, { journeys: [rescue, birthdays], sendPolicy: { ...NO_SEND_LIMITS, defaultTimezone: 'Asia/Shanghai' } });
  // A run recorded before journey_entries existed: the backfill folds it in.
  await JourneyRunModel.create({ _id: `legacy-run-${unique}`, runId: `legacy-run-${unique}`, workflowId: `journey:${rescue.id}:legacy-${unique}`, journeyId: rescue.id, journeyVersion: rescue.version, customerId: `legacy-${unique}`, status: 'finished', startedAt: new Date(Date.now() - 7_200_000), finishedAt: new Date(Date.now() - 3_600_000) });
  await JourneyEntryModel.deleteOne({ _id: BACKFILLED_ID });
  await backfillJourneyEntries(); // as the worker does at start
});
afterAll(async () => {
  for (const id of [dateEntriesScheduleId(prefix), journeyScheduleId(rescue.id, prefix), journeyScheduleId(retired.id, prefix)]) {
    await api?.client.schedule.getHandle(id).delete().catch(() => undefined);
  }
  await api?.close();
});

/** Fires the schedule now and waits for the workflow that firing started to finish. */
async function fire<T>(scheduleId: string, firings: number): Promise<T> {
  const handle = api.client.schedule.getHandle(scheduleId);
  await handle.trigger();
  const described = await eventually(() => handle.describe(), (d) => d.info.recentActions.length === firings, { what: `firing ${firings} of ${scheduleId}` });
  const { workflowId } = described.info.recentActions.at(-1)!.action.workflow;
  return api.client.workflow.getHandle(workflowId).result() as Promise<T>;
}

describe('journeys that enter on a schedule or a date', () => {
  it('folds runs recorded before the re-entry rows existed into them, so the policy still holds for those customers', async () => {
    const row = await JourneyEntryModel.findById(journeyEntryId(rescue.id, `legacy-${unique}`)).lean();
    expect(row?.lastFinishedAt?.getTime()).toBeGreaterThan(Date.now() - 3_700_000);
    expect(await JourneyEntryModel.exists({ _id: BACKFILLED_ID })).toBeTruthy();
    expect(await reentryRefusal(rescue, `legacy-${unique}`)).toBe('re-entry policy "never": the customer already ran this journey');
    expect(await reentryRefusal(rescue, `newcomer-${unique}`)).toBeUndefined();
  });

  it('the worker makes the schedules the catalogue asks for, and removes those of journeys no longer scheduled', async () => {
    await syncSchedules(api.client, [rescue, retired], api.taskQueue, prefix);
    const second = await syncSchedules(api.client, [rescue, birthdays], api.taskQueue, prefix);
    expect(second.updated).toEqual([dateEntriesScheduleId(prefix), journeyScheduleId(rescue.id, prefix)]);
    expect(second.created).toEqual([]);
    expect(second.deleted).toEqual([journeyScheduleId(retired.id, prefix)]);

    const weekly = await api.client.schedule.getHandle(journeyScheduleId(rescue.id, prefix)).describe();
    expect(weekly.spec.timezone).toBe('Asia/Shanghai');
    expect(weekly.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 10, end: 10, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }], dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }] })]);
    expect(weekly.policies.overlap).toBe('SKIP');
    expect(weekly.action).toMatchObject({ workflowType: 'segmentEnrolment', args: [{ journeyId: rescue.id }], taskQueue: api.taskQueue });
    const hourly = await api.client.schedule.getHandle(dateEntriesScheduleId(prefix)).describe();
    expect(hourly.spec.intervals).toEqual([expect.objectContaining({ every: 3_600_000 })]);
    await expect(api.client.schedule.getHandle(journeyScheduleId(retired.id, prefix)).describe()).rejects.toThrow(/not found/i);
  });

  it('a firing enrols, page by page, the 600 customers in the segment then; a second firing enrols no one new', { timeout: 170_000 }, async () => {
    const id = (k: number) => `seg-${unique}-${String(k).padStart(5, '0')}`;
    await CustomerModel.insertMany([
      ...Array.from({ length: 600 }, (_, k) => ({ _id: id(k), stage: 'active', tags: [tag], health: { score: k % 40 } })),
      // Out of the segment: healthy, or not active.
      ...Array.from({ length: 50 }, (_, k) => ({ _id: id(600 + k), stage: k % 2 ? 'active' : 'silent', tags: [tag], health: { score: k % 2 ? 75 : 10 } })),
    ]);
    const started = Date.now();
    const first = await fire<EnrolmentProgress>(journeyScheduleId(rescue.id, prefix), 1);
    console.log(`[journey-schedules] 600 enrolled in ${Date.now() - started} ms`);
    // The store filter leaves out the 50 others: a page of 500, then the last one of 100.
    expect(first).toMatchObject({ journeyId: rescue.id, done: true, examined: 600, matched: 600, started: 600, running: 0, refused: 0, pages: 2 });
    const runs = await JourneyRunModel.countDocuments({ journeyId: rescue.id, customerId: { $ne: `legacy-${unique}` } });
    expect(runs).toBeLessThanOrEqual(600);

    const again = await fire<EnrolmentProgress>(journeyScheduleId(rescue.id, prefix), 2);
    expect(again).toMatchObject({ matched: 600, started: 0 });
    expect(again.running + again.refused).toBe(600);
    await eventually(() => JourneyRunModel.countDocuments({ journeyId: rescue.id, customerId: { $ne: `legacy-${unique}` } }), (n) => n === 600, { what: 'every run recorded', timeoutMs: 60_000 });
  });

  it('the hourly date sweep enters a customer whose birthday is today where they live, not one for whom it is still yesterday', { timeout: 120_000 }, async () => {
    const now = Date.now();
    // UTC+14 is always a day or two ahead of UTC−11: on Kiritimati's date it is still the day before in Pago Pago.
    const today = localDate(now, 'Pacific/Kiritimati');
    expect(localDate(now, 'Pacific/Pago_Pago') < today).toBe(true);
    const customer = (id: string, timezone: string) => ({ _id: `${id}-${unique}`, timezone, attributes: { [birthday]: `1990-${today.slice(5)}` }, anniversaries: [`${birthday}:${today.slice(5)}`] });
    await CustomerModel.insertMany([customer('kiritimati', 'Pacific/Kiritimati'), customer('pago-pago', 'Pacific/Pago_Pago')]);

    const sweep = await fire<DateSweep>(dateEntriesScheduleId(prefix), 1);
    expect(sweep.counts[birthdays.id]).toMatchObject({ examined: 2, matched: 1, started: 1 });
    const run = await eventually(() => JourneyRunModel.findOne({ journeyId: birthdays.id }).lean(), (r) => r?.status === 'finished', { what: 'the birthday run' });
    expect(run).toMatchObject({ customerId: `kiritimati-${unique}`, trigger: `date:${birthday}:${today}` });

    // The next hour's sweep sees the same birthday and does not enter it twice (re-entry is "always").
    const next = await fire<DateSweep>(dateEntriesScheduleId(prefix), 2);
    expect(next.counts[birthdays.id]).toMatchObject({ matched: 1, started: 0, refused: 1 });
    expect(await JourneyRunModel.countDocuments({ journeyId: birthdays.id })).toBe(1);
  });
});

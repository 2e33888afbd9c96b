import { type Client, ScheduleAlreadyRunning, type ScheduleOptions, ScheduleNotFoundError } from '@temporalio/client';
import { describeEntry } from '../domain/entry-description.js';
import type { Journey } from '../domain/journey.js';

/** Every schedule Tideway owns starts with this; others in the namespace are never touched. */
export const SCHEDULE_PREFIX = 'tideway:';

/** The hourly sweep of date entries. */
export const dateEntriesScheduleId = (prefix = SCHEDULE_PREFIX) => `${prefix}date-entries`;
/** One schedule per journey that enters on a schedule. */
export const journeyScheduleId = (journeyId: string, prefix = SCHEDULE_PREFIX) => `${prefix}journey:${journeyId}`;
/** The enrolment a firing starts; Temporal appends the firing time (`…-2026-12-07T02:00:00Z`). */
export const enrolmentWorkflowId = (journeyId: string, prefix = SCHEDULE_PREFIX) => `${prefix}enrol:${journeyId}`;

export interface ScheduleSync {
  created: string[];
  updated: string[];
  deleted: string[];
}

/**
 * Makes the namespace's Tideway schedules what the catalogue says, at worker start: the hourly date
 * sweep, one schedule per scheduled journey (its cron in its timezone; a firing while the previous
 * enrolment still runs is skipped), and no schedule for a journey no longer scheduled. Running it again
 * changes nothing; several workers starting at once agree.
 */
export async function syncSchedules(client: Client, journeys: readonly Journey[], taskQueue: string, prefix = SCHEDULE_PREFIX): Promise<ScheduleSync> {
  const sync: ScheduleSync = { created: [], updated: [], deleted: [] };
  const wanted: ScheduleOptions[] = [
    {
      scheduleId: dateEntriesScheduleId(prefix),
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: 'dateEntries', args: [{}], taskQueue, workflowId: `${prefix}date-entries`, staticSummary: 'Hourly sweep: customers whose date (birthday, renewal) is today where they live' },
      policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
      memo: { journeys: journeys.filter((j) => 'date' in j.entry).map((j) => `${j.id}: ${describeEntry(j.entry)}`).join('; ') },
    },
    ...journeys.flatMap((journey): ScheduleOptions[] =>
      'schedule' in journey.entry
        ? [
            {
              scheduleId: journeyScheduleId(journey.id, prefix),
              spec: { cronExpressions: [journey.entry.schedule.cron], timezone: journey.entry.schedule.timezone },
              action: {
                type: 'startWorkflow',
                workflowType: 'segmentEnrolment',
                args: [{ journeyId: journey.id }],
                taskQueue,
                workflowId: enrolmentWorkflowId(journey.id, prefix),
                staticSummary: `Enrol ${describeEntry(journey.entry)} into ${journey.name}`,
              },
              policies: { overlap: 'SKIP', catchupWindow: '1 hour' },
              memo: { journeyId: journey.id, journeyVersion: journey.version },
            },
          ]
        : [],
    ),
  ];
  for (const options of wanted) {
    try {
      await client.schedule.create(options);
      sync.created.push(options.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      const { scheduleId, memo: _memo, ...rest } = options;
      await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, ...rest, state: previous.state }));
      sync.updated.push(scheduleId);
    }
  }
  const keep = new Set(wanted.map((s) => s.scheduleId));
  for await (const schedule of client.schedule.list()) {
    if (!schedule.scheduleId.startsWith(journeyScheduleId('', prefix)) || keep.has(schedule.scheduleId)) continue;
    try {
      await client.schedule.getHandle(schedule.scheduleId).delete();
      sync.deleted.push(schedule.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error; // another worker deleted it first
    }
  }
  return sync;
}

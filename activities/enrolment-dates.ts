import { dateEntryKeys, dateEntryTrigger, dueOccurrence } from '../domain/date-entry.js';
import { isTimeZone, type SendPolicy } from '../domain/send-policy.js';
import { CustomerModel } from '../store/models/customer.js';
import { JourneyEntryModel, journeyEntryId } from '../store/models/journey-entry.js';
import { enrolAll, type EnrolmentDeps, type EnrolmentPage, journeyWithEntry } from './enrolment.js';

/**
 * Enrols one page of the customers whose date (its anniversary, for `every: 'year'`) can be today
 * somewhere at `now`: those whose local date is the day and whose local time has reached `at` start
 * a run with trigger `date:<attribute>:<local date>`, unless that occurrence entered already.
 */
export function createDateEntryActivities({ journeys, runner, sendPolicy }: EnrolmentDeps & { sendPolicy: SendPolicy }) {
  async function enrolDueDates({ journeyId, now, afterId, pageSize }: { journeyId: string; now: string; afterId: string | null; pageSize: number }): Promise<EnrolmentPage> {
    const journey = journeyWithEntry(journeys, journeyId, 'date');
    const entry = journey.entry.date;
    const at = Date.parse(now);
    const field = entry.every === 'year' ? 'anniversaries' : 'dates';
    const page = await CustomerModel.find(
      { [field]: { $in: dateEntryKeys(entry, at) }, mergedInto: { $exists: false }, ...(afterId ? { _id: { $gt: afterId } } : {}) },
      { attributes: 1, timezone: 1 },
    )
      .sort({ _id: 1 })
      .limit(pageSize)
      .lean();
    const due = page.flatMap((customer) => {
      const zone = customer.timezone && isTimeZone(customer.timezone) ? customer.timezone : sendPolicy.defaultTimezone;
      const occurrence = dueOccurrence(entry, (customer.attributes as Record<string, unknown> | undefined)?.[entry.attribute], zone, at);
      return occurrence ? [{ customerId: customer._id, trigger: dateEntryTrigger(entry, occurrence) }] : [];
    });
    // An hourly sweep sees the customer again later that day: an occurrence that entered once is done.
    const entered = new Set(
      (await JourneyEntryModel.find({ _id: { $in: due.map((d) => journeyEntryId(journey.id, d.customerId)) } }, { dateTriggers: 1 }).lean()).flatMap((row) =>
        (row.dateTriggers ?? []).map((trigger) => `${row._id}|${trigger}`),
      ),
    );
    const fresh = due.filter((d) => !entered.has(`${journeyEntryId(journey.id, d.customerId)}|${d.trigger}`));
    const counts = await enrolAll(runner, journey, fresh);
    return { ...counts, refused: counts.refused + due.length - fresh.length, examined: page.length, matched: due.length, lastId: page.at(-1)?._id ?? null };
  }

  return { enrolDueDates };
}

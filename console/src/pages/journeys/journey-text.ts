import { describeSegment } from '../../../../domain/segment-text.js';
import { stageLabel } from '../../components/stage-badge.js';
import type { Translate } from '../../i18n/index.js';
import type { Locale } from '../../i18n/locale.js';
import type { JourneySummary } from './types.js';

const DURATION = /^(\d+)\s+(minute|hour|day|week)s?$/;

/** `'30 days'` as the reader says it ("30天"); anything else as it is. */
export function formatJourneyDuration(locale: Locale, duration: string): string {
  const match = DURATION.exec(duration);
  if (!match) return duration;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: match[2], unitDisplay: 'long' }).format(Number(match[1]));
}

/** "a, b or c" in the reader's language. */
export const anyOf = (locale: Locale, items: string[]) => new Intl.ListFormat(locale, { type: 'disjunction' }).format(items);

/** What starts a run: a stage entered, an event, a date in the profile, or a schedule over a segment. */
export function triggerText(t: Translate, locale: Locale, entry: JourneySummary['entry']): string {
  if ('stage' in entry) return t('journey.trigger.stage', { stage: stageLabel(locale, entry.stage) });
  if ('event' in entry) return t('journey.trigger.event', { event: entry.event });
  if ('date' in entry) return t(`journey.trigger.date.${entry.date.every}`, { attribute: entry.date.attribute, at: entry.date.at });
  return t('journey.trigger.schedule', { cron: entry.schedule.cron, timezone: entry.schedule.timezone, segment: describeSegment(entry.schedule.segment) });
}

/** Whether a customer may run the journey again. */
export function reentryText(t: Translate, locale: Locale, reentry: JourneySummary['reentry']): string {
  if (typeof reentry === 'object') return t('journey.reentry.after', { after: formatJourneyDuration(locale, reentry.after) });
  return t(`journey.reentry.${reentry}`);
}

/** The events and task outcomes that reach the goal. */
export function goalText(t: Translate, locale: Locale, goal: JourneySummary['goal']): string {
  if (!goal) return t('journey.goal.none');
  const tasks = goal.tasks.map((task) => t('journey.goal.task', { step: task.step, outcomes: anyOf(locale, task.outcomes) }));
  return anyOf(locale, [...goal.events, ...tasks]);
}

/** How a finished run ended, in words; an outcome the console does not know stays as it is. */
export const outcomeText = (t: Translate, outcome: string | null) =>
  outcome && ['completed', 'goal_reached', 'exited', 'failed', 'refused'].includes(outcome) ? t(`journey.outcome.${outcome}`) : (outcome ?? '—');

import type { JourneyDefinition } from './journey.js';
import { describeSegment } from './segment-text.js';

/** How a journey enters, in a few words, for the CLI and diagrams: `stage silent`, `birthday every year at 09:00`. */
export function describeEntry(entry: JourneyDefinition['entry']): string {
  if ('stage' in entry) return `stage ${entry.stage}`;
  if ('event' in entry) return `event ${entry.event}`;
  if ('date' in entry) return `${entry.date.attribute} ${entry.date.every === 'year' ? 'every year' : 'once'} at ${entry.date.at}`;
  return `schedule ${entry.schedule.cron} ${entry.schedule.timezone}: ${describeSegment(entry.schedule.segment)}`;
}

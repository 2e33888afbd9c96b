import type { Segment } from './segment.js';

// No zod here (unlike segment.ts): the console imports it.
/** A short text for the CLI, diagrams and the console, e.g. `stage in [active] and health < 40`. */
export function describeSegment(segment: Segment): string {
  if ('stageIn' in segment) return `stage in [${segment.stageIn.join(', ')}]`;
  if ('health' in segment) {
    const { below, atLeast } = segment.health;
    return [atLeast !== undefined ? `health ≥ ${atLeast}` : '', below !== undefined ? `health < ${below}` : ''].filter(Boolean).join(' and ');
  }
  if ('hasTag' in segment) return `tag ${segment.hasTag}`;
  if ('attribute' in segment) {
    const { attribute: name, equals, before, after, within } = segment;
    if (equals !== undefined) return `${name} = ${String(equals)}`;
    return [after && `${name} after ${after}`, before && `${name} before ${before}`, within && `${name} within ${within}`].filter(Boolean).join(' and ');
  }
  if ('event' in segment) return `${segment.event} within ${segment.within}`;
  if ('all' in segment) return segment.all.map((s) => ('any' in s ? `(${describeSegment(s)})` : describeSegment(s))).join(' and ');
  if ('any' in segment) return segment.any.map(describeSegment).join(' or ');
  return `not (${describeSegment(segment.not)})`;
}

import type { Task } from './types.js';

/**
 * What a person can answer when they complete a task: the outcomes its journey step names (the task
 * carries them; a goal task's outcome, e.g. a win-back call `won-back`, ends the run at its goal), or
 * for a task without them, those that fit its kind. Free text stays possible.
 */
export interface OutcomeChoice {
  /** Stored as the task's outcome. */
  value: string;
  /** The reason is required (a refusal says why). */
  needsNote: boolean;
}

/** Outcomes that say no, or pass the task on: the person writes why. */
const NEEDS_NOTE = new Set(['refused', 'declined', 'escalated', 'no-action-needed', 'not-possible']);

/** Urgent reviews (a complaint, a clearly negative message), wherever routing sent them. */
const REVIEW = ['resolved', 'refunded', 'escalated', 'no-action-needed'];
const ANY = ['done', 'not-possible'];

/** Outcomes the console has words for, in both languages. */
export const KNOWN_OUTCOMES = new Set(['won-back', 'call-back-later', 'no-answer', 'refused', 'survey-done', 'declined', 'reached', ...REVIEW, ...ANY]);

export const needsNote = (outcome: string) => NEEDS_NOTE.has(outcome);

/** The outcomes to offer for this task, in the step's order. */
export function outcomesFor(task: Pick<Task, 'outcomes' | 'requestedQueue' | 'queue'>): OutcomeChoice[] {
  const values = task.outcomes?.length ? task.outcomes : (task.requestedQueue ?? task.queue) === 'urgent-review' ? REVIEW : ANY;
  return values.map((value) => ({ value, needsNote: needsNote(value) }));
}

/** A stored outcome in the reader's language, when the console knows it; as written otherwise. */
export const outcomeLabel = (t: (key: string) => string, outcome: string) => (KNOWN_OUTCOMES.has(outcome) ? t(`inbox.outcome.${outcome}`) : outcome);

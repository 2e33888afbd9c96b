import { customerMessages } from '../pages/customers/messages.js';
import { inboxMessages } from '../pages/inbox/messages.js';
import { journeyMessages } from '../pages/journeys/messages.js';
import { overviewMessages } from '../pages/overview/messages.js';
import { peopleMessages } from '../pages/people/messages.js';
import { shellMessages } from '../shell-messages.js';
import type { Locale } from './locale.js';

/** Each page's texts in every locale; the keys of one locale are the keys of the other (test/console-messages.test.ts). */
export type Messages = Record<Locale, Record<string, string>>;

/** Every page's messages, merged. */
export const CATALOGUES: Record<string, Messages> = {
  shell: shellMessages,
  overview: overviewMessages,
  customers: customerMessages,
  inbox: inboxMessages,
  journeys: journeyMessages,
  people: peopleMessages,
};

export function mergedMessages(locale: Locale): Record<string, string> {
  return Object.assign({}, ...Object.values(CATALOGUES).map((catalogue) => catalogue[locale]));
}

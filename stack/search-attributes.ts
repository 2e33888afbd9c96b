/**
 * Tideway's custom Temporal search attributes, registered on every server the stack starts.
 * Workflows upsert them so ops can list the runs of one customer, journey, step or stage.
 */

/** A search attribute type as the Temporal CLI spells it. */
export type SearchAttributeType =
  | 'Text'
  | 'Keyword'
  | 'Int'
  | 'Double'
  | 'Bool'
  | 'Datetime'
  | 'KeywordList';

/** Name → type of each custom search attribute Tideway uses. */
export const SEARCH_ATTRIBUTES = {
  CustomerId: 'Keyword',
  JourneyId: 'Keyword',
  JourneyVersion: 'Keyword',
  JourneyStep: 'Keyword',
  Outcome: 'Keyword',
  Stage: 'Keyword',
} as const satisfies Record<string, SearchAttributeType>;

/** The name of one of Tideway's custom search attributes. */
export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

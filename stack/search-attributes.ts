/**
 * Tideway's custom search attributes as the Temporal CLI names them, for registering on the
 * servers the stack starts. The list itself lives with the workflows that upsert them.
 */
import { SEARCH_ATTRIBUTES as KEYS } from '../workflows/search-attributes.js';

/** A search attribute type as the Temporal CLI spells it. */
export type SearchAttributeType = 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

const CLI_TYPE: Record<string, SearchAttributeType> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

/** Name → CLI type of each custom search attribute Tideway uses. */
export const SEARCH_ATTRIBUTES: Record<string, SearchAttributeType> = Object.fromEntries(KEYS.map((key) => [key.name, CLI_TYPE[key.type]!]));

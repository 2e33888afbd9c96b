/**
 * Tideway's custom search attributes as the Temporal CLI and the operator API name their types, for
 * registering them on the servers the stack and the test kit start. The list itself lives with the
 * workflows that upsert them.
 */
import { SEARCH_ATTRIBUTES as KEYS } from '../workflows/search-attributes.js';

/** A search attribute type as the Temporal CLI spells it. */
export type SearchAttributeType = 'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

/** The SDK's type → the CLI's name and the operator API's `temporal.api.enums.v1.IndexedValueType`. */
const TYPES: Record<string, { cli: SearchAttributeType; indexedValueType: number }> = {
  TEXT: { cli: 'Text', indexedValueType: 1 },
  KEYWORD: { cli: 'Keyword', indexedValueType: 2 },
  INT: { cli: 'Int', indexedValueType: 3 },
  DOUBLE: { cli: 'Double', indexedValueType: 4 },
  BOOL: { cli: 'Bool', indexedValueType: 5 },
  DATETIME: { cli: 'Datetime', indexedValueType: 6 },
  KEYWORD_LIST: { cli: 'KeywordList', indexedValueType: 7 },
};

/** Name → CLI type of each custom search attribute Tideway uses. */
export const SEARCH_ATTRIBUTES: Record<string, SearchAttributeType> = Object.fromEntries(KEYS.map((key) => [key.name, TYPES[key.type]!.cli]));

/** Name → indexed value type, as `operatorService.addSearchAttributes` takes them. */
export const INDEXED_VALUE_TYPES: Record<string, number> = Object.fromEntries(KEYS.map((key) => [key.name, TYPES[key.type]!.indexedValueType]));

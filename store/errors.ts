/** MongoDB's duplicate key error (E11000): the unique index refused a second copy. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** MongoDB error codes for a value or document the store will never accept, however often it is sent. */
const REFUSED_VALUE_CODES = new Set([
  2, // BadValue
  14, // TypeMismatch
  17, // ProtocolError: a document the server cannot read
  52, // DollarPrefixedFieldName
  55, // InvalidDBRef
  56, // EmptyFieldName
  57, // DottedFieldName
  121, // DocumentValidationFailure
  10334, // BSONObjectTooLarge
  17419, // a document grown past the size limit by an update
]);
const REFUSED_BY_MONGOOSE = new Set(['ValidationError', 'CastError', 'StrictModeError', 'BSONError']);

/**
 * True for an error the store gives because of the data itself (a value it cannot hold or that breaks
 * the schema): trying again cannot heal it. A store that is down, slow or busy is not such an error.
 */
export function isRefusedValue(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  if (typeof name === 'string' && REFUSED_BY_MONGOOSE.has(name)) return true;
  return name === 'MongoServerError' && typeof code === 'number' && REFUSED_VALUE_CODES.has(code);
}

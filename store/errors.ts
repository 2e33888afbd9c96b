/** MongoDB's duplicate key error (E11000): the unique index refused a second copy. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** Reads a JSON file the business edits and checks it; a bad file stops start-up naming the file and the field. */
export function loadJsonConfig<S extends z.ZodType>(file: string, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${what} ${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${what} ${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

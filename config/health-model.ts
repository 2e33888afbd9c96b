import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type HealthModel, healthModelSchema } from '../domain/health.js';

/** The health model the business edits: `config/health-model.json`, or the file TIDEWAY_HEALTH_MODEL names. */
export const DEFAULT_HEALTH_MODEL_FILE = fileURLToPath(new URL('./health-model.json', import.meta.url));

/** Reads and checks the health model; a bad file stops start-up with the file and the field. */
export function loadHealthModel(file = DEFAULT_HEALTH_MODEL_FILE): HealthModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Health model ${file}: ${(error as Error).message}`);
  }
  const parsed = healthModelSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Health model ${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

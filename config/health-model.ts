import { fileURLToPath } from 'node:url';
import { type HealthModel, healthModelSchema } from '../domain/health.js';
import { loadJsonConfig } from './json-config.js';

/** The health model the business edits: `config/health-model.json`, or the file TIDEWAY_HEALTH_MODEL names. */
export const DEFAULT_HEALTH_MODEL_FILE = fileURLToPath(new URL('./health-model.json', import.meta.url));

/** Reads and checks the health model; a bad file stops start-up with the file and the field. */
export function loadHealthModel(file = DEFAULT_HEALTH_MODEL_FILE): HealthModel {
  return loadJsonConfig(file, healthModelSchema, 'Health model');
}

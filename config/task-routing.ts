import { fileURLToPath } from 'node:url';
import { type TaskRouting, taskRoutingSchema } from '../domain/task-routing.js';
import { loadJsonConfig } from './json-config.js';

/** The task routing rules the business edits: `config/task-routing.json`, or the file TIDEWAY_TASK_ROUTING names. */
export const DEFAULT_TASK_ROUTING_FILE = fileURLToPath(new URL('./task-routing.json', import.meta.url));

/** Reads and checks the routing rules; a bad file stops start-up with the file and the field. */
export function loadTaskRouting(file = DEFAULT_TASK_ROUTING_FILE): TaskRouting {
  return loadJsonConfig(file, taskRoutingSchema, 'Task routing');
}

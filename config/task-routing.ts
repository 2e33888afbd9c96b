import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type TaskRouting, taskRoutingSchema } from '../domain/task-routing.js';

/** The task routing rules the business edits: `config/task-routing.json`, or the file TIDEWAY_TASK_ROUTING names. */
export const DEFAULT_TASK_ROUTING_FILE = fileURLToPath(new URL('./task-routing.json', import.meta.url));

/** Reads and checks the routing rules; a bad file stops start-up with the file and the field. */
export function loadTaskRouting(file = DEFAULT_TASK_ROUTING_FILE): TaskRouting {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Task routing ${file}: ${(error as Error).message}`);
  }
  const parsed = taskRoutingSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`Task routing ${file} is invalid:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

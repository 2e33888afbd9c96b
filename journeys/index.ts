import type { Journey } from '../domain/journey.js';
import type { TemplateCatalogue } from '../domain/templates.js';
import { welcomeTemplates } from './templates/welcome.js';
import { welcome } from './welcome.js';

/** Every journey Tideway runs. A definition that does not validate throws here, at load. */
export const journeys: readonly Journey[] = [welcome];

export const templates: TemplateCatalogue = { ...welcomeTemplates };

export function findJourney(id: string): Journey | undefined {
  return journeys.find((journey) => journey.id === id);
}

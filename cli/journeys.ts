/**
 * `npm run journeys -- list | validate | diagram <id> | preview <id> [step]`: the journey catalogue for the people who write it.
 */
import { checkCatalogue } from '../domain/catalogue-check.js';
import { journeyToMermaid } from '../domain/diagram.js';
import { describeEntry } from '../domain/entry-description.js';
import { allSteps } from '../domain/journey.js';
import { preview, PREVIEW_USAGE } from './journey-preview.js';

const USAGE = `usage: npm run journeys -- list | validate | diagram <journey-id>\n       ${PREVIEW_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, arg, ...rest] = argv;
  let catalogue: typeof import('../journeys/index.js');
  try {
    catalogue = await import('../journeys/index.js');
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  }
  const { journeys, templates, findJourney, TEMPLATE_DEFAULT_VARIABLES } = catalogue;
  switch (command) {
    case 'list':
      for (const journey of journeys) {
        const entry = describeEntry(journey.entry);
        console.log(`${journey.id.padEnd(20)} ${journey.version}  ${String(allSteps(journey).length).padStart(2)} steps  on ${entry.padEnd(24)} ${journey.name}`);
      }
      return 0;
    case 'validate': {
      const problems = checkCatalogue(journeys, templates, TEMPLATE_DEFAULT_VARIABLES);
      for (const problem of problems) console.error(`✗ ${problem}`);
      if (problems.length) return 1;
      const locales = Object.values(templates).reduce((n, t) => n + Object.keys(t).length, 0);
      console.log(`✓ ${journeys.length} journeys valid; ${Object.keys(templates).length} templates render in ${locales} locale variants`);
      return 0;
    }
    case 'diagram': {
      const journey = arg ? findJourney(arg) : undefined;
      if (!journey) {
        console.error(arg ? `no journey "${arg}"; known: ${journeys.map((j) => j.id).join(', ')}` : USAGE);
        return 1;
      }
      console.log(journeyToMermaid(journey));
      return 0;
    }
    case 'preview': {
      const journey = arg ? findJourney(arg) : undefined;
      if (!journey) {
        console.error(arg ? `no journey "${arg}"; known: ${journeys.map((j) => j.id).join(', ')}` : USAGE);
        return 1;
      }
      return preview(journey, rest);
    }
    default:
      console.error(USAGE);
      return command ? 1 : 0;
  }
}

process.exitCode = await main(process.argv.slice(2));

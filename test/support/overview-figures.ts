import type { Page } from 'puppeteer-core';

/**
 * Reading the console overview's figures back: each `[data-figure]` names its route and the path to its
 * number in the route's answer (console/src/pages/overview/section.tsx), and is written in the reader's
 * locale. These helpers find the number in the answer and read the text as a person would.
 */

export interface ShownFigure {
  name: string;
  kind: 'count' | 'share' | 'duration' | 'score';
  text: string;
}

/** The report route each figure name starts with, and whether it takes the period. */
export const OVERVIEW_ROUTES: Record<string, { path: string; period: boolean }> = {
  stages: { path: '/v1/reports/stages', period: true },
  'win-back': { path: '/v1/reports/win-back', period: false },
  welcome: { path: '/v1/reports/welcome', period: false },
  health: { path: '/v1/reports/health', period: false },
  tasks: { path: '/v1/reports/tasks', period: true },
  messages: { path: '/v1/reports/messages', period: true },
};

export async function shownFigures(page: Page): Promise<ShownFigure[]> {
  return page.$$eval('[data-figure]', (elements) =>
    elements.map((el) => ({ name: el.getAttribute('data-figure')!, kind: el.getAttribute('data-kind') as ShownFigure['kind'], text: (el.textContent ?? '').trim() })),
  );
}

/** `moves/from=new,to=active/count` in an answer; undefined when the path leads nowhere. */
export function valueAt(answer: unknown, path: string): unknown {
  let here: unknown = answer;
  for (const part of path.split('/')) {
    if (here === undefined || here === null) return undefined;
    if (part.includes('=')) {
      const keys = part.split(',').map((pair) => pair.split('=').map(decodeURIComponent) as [string, string]);
      here = (here as Record<string, unknown>[]).find((item) => keys.every(([key, value]) => String(item[key]) === value));
    } else here = (here as Record<string, unknown>)[part];
  }
  return here;
}

const UNITS: [string, number, RegExp][] = [
  ['day', 86_400_000, /day|天/],
  ['hour', 3_600_000, /hour|小时/],
  ['minute', 60_000, /minute|分钟/],
];

/** Why the shown text does not say `value`, or null when it does. */
export function mismatch(figure: ShownFigure, value: unknown): string | null {
  const { text, kind } = figure;
  const say = (why: string) => `${figure.name}: shows "${text}", the API says ${JSON.stringify(value)} (${why})`;
  if (value === undefined) return say('no such figure in the answer');
  if (value === null) return text === '—' ? null : say('a missing value is shown as —');
  if (typeof value !== 'number') return say('not a number');
  const number = Number((/-?[\d,]*\.?\d+/.exec(text)?.[0] ?? 'NaN').replace(/,/g, ''));
  if (kind === 'count' || kind === 'score') return number === value ? null : say(kind);
  if (kind === 'share') return /%/.test(text) && Math.abs(number - Math.round(value * 1000) / 10) < 1e-9 ? null : say('a share, to 0.1%');
  if (/under a minute|不到 1 分钟/.test(text)) return value < 60_000 ? null : say('under a minute');
  const [unit, size, words] = UNITS.find(([, size]) => value >= size) ?? UNITS[2]!;
  return words.test(text) && number === Math.round(value / size) ? null : say(`in ${unit}s`);
}

/** Every shown figure against its route's answer (fetched by `read`, with the period shown); the mismatches. */
export async function figureMismatches(figures: ShownFigure[], period: { from: string; to: string }, read: (path: string) => Promise<unknown>): Promise<string[]> {
  const answers = Object.fromEntries(
    await Promise.all(
      Object.entries(OVERVIEW_ROUTES).map(async ([name, route]) => [name, await read(route.period ? `${route.path}?from=${period.from}&to=${period.to}` : route.path)] as const),
    ),
  );
  return figures.flatMap((figure) => {
    const [route, ...path] = figure.name.split('/');
    const answer = answers[route!];
    const problem = answer === undefined ? `${figure.name}: no such route` : mismatch(figure, valueAt(answer, path.join('/')));
    return problem ? [problem] : [];
  });
}

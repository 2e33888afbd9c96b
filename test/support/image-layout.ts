/**
 * What the image holds, without Docker: the runtime stage's COPY lines laid out in a folder. Paths
 * copied from the build stage map to this repo after `npm run build` (the build stage copies the
 * repo to its WORKDIR and builds there); paths from the build context are the repo's, less what
 * .dockerignore keeps out.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Copy, Stage } from './dockerfile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
/** In the repo's dist/ but not in a clean build's: what the console suites leave there. */
const NOT_BUILT = [join(root, 'dist', 'screenshots')];

/** .dockerignore's plain names (at the top of the context) and `**\/*.ext` patterns: what this Dockerfile needs. */
function ignoredByDocker(): (path: string) => boolean {
  const entries = readFileSync(join(root, '.dockerignore'), 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const names = new Set(entries.filter((entry) => !/[*?[]/.test(entry)));
  const suffixes = entries.filter((entry) => /^\*\*\/\*[^*/?[]+$/.test(entry)).map((entry) => entry.slice(3));
  return (path) => names.has(path.split(sep)[0]!) || suffixes.some((suffix) => path.endsWith(suffix));
}

/** Where a COPY source is on this machine. */
function hostPath(copy: Copy, source: string, stages: Stage[]): string {
  if (!copy.from) return join(root, source);
  const stage = stages.find((s) => s.name === copy.from);
  if (!stage) throw new Error(`${copy.line}: no stage "${copy.from}" before it`);
  const inStage = posix.relative(stage.workdir, source);
  if (inStage.startsWith('..')) throw new Error(`${copy.line}: ${source} is outside the ${copy.from} stage's WORKDIR ${stage.workdir}`);
  return join(root, inStage);
}

/** Copies what `copies` (a stage's COPY lines, or some of them) put into the image, into `target`. */
export function layOut(copies: Copy[], stages: Stage[], target: string): void {
  const ignored = ignoredByDocker();
  for (const copy of copies) {
    const intoFolder = copy.dest === '' || copy.dest.endsWith('/') || copy.sources.length > 1;
    for (const source of copy.sources) {
      const from = hostPath(copy, source, stages);
      if (!existsSync(from)) throw new Error(`${copy.line}: ${from} does not exist (run npm run build first)`);
      const isFolder = statSync(from).isDirectory();
      const to = join(target, copy.dest, isFolder || !intoFolder ? '' : basename(from));
      mkdirSync(isFolder ? to : dirname(to), { recursive: true });
      cpSync(from, to, { recursive: true, filter: (path) => (copy.from !== undefined ? !NOT_BUILT.includes(path) : !ignored(relative(root, path))) });
    }
  }
}

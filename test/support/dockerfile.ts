/** The repo's Dockerfile, parsed: its stages and what the runtime (last) stage copies, sets and runs. */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One COPY: from the build context, or `--from` an earlier stage (its paths are absolute in that stage). */
export interface Copy {
  line: string;
  from?: string;
  sources: string[];
  /** Relative to the stage's WORKDIR, without a leading `./`; a trailing `/` when it names a folder. */
  dest: string;
}

export interface Stage {
  name: string;
  image: string;
  workdir: string;
  /** Instructions with line continuations joined, comments dropped. */
  instructions: string[];
  copies: Copy[];
  env: Record<string, string>;
}

/** Instructions of a Dockerfile: continuations joined, comments and blank lines dropped. */
export function instructionsOf(text: string): string[] {
  return text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function parseCopy(line: string, workdir: string): Copy {
  const words = line.split(/\s+/).slice(1);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  const dest = paths.at(-1)!;
  const relative = dest.startsWith('/') ? posix.relative(workdir, dest) + (dest.endsWith('/') ? '/' : '') : dest.replace(/^\.\//, '');
  return { line, ...(from ? { from } : {}), sources: paths.slice(0, -1), dest: relative === '.' ? '' : relative };
}

function parseEnv(line: string): Record<string, string> {
  const body = line.replace(/^ENV\s+/i, '');
  return Object.fromEntries([...body.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')]));
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const line of instructionsOf(text)) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = keyword.toUpperCase();
    if (instruction === 'FROM') {
      const args = rest.filter((word) => !word.startsWith('--'));
      stages.push({ name: args[2] ?? String(stages.length), image: args[0]!, workdir: '/', instructions: [line], copies: [], env: {} });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARG before the first FROM
    stage.instructions.push(line);
    if (instruction === 'WORKDIR') stage.workdir = posix.resolve(stage.workdir, rest[0]!);
    if (instruction === 'COPY') stage.copies.push(parseCopy(line, stage.workdir));
    if (instruction === 'ENV') Object.assign(stage.env, parseEnv(line));
  }
  return stages;
}

export const DOCKERFILE = join(root, 'Dockerfile');

/** The repo's Dockerfile: every stage, the last one being what the image runs. */
export function repoDockerfile(): { stages: Stage[]; runtime: Stage } {
  const stages = parseDockerfile(readFileSync(DOCKERFILE, 'utf8'));
  return { stages, runtime: stages.at(-1)! };
}

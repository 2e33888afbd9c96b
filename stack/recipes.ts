/**
 * How each tool of the embedded stack is found and built: its env var, its cache folder
 * name, the executable inside that folder, and the build that fills a fresh folder.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runBuildStep } from './build-step.js';
import { FERRETDB, MAILDEV, TEMPORAL_CLI, TEST_SERVER } from './versions.js';

/** The tools of the embedded stack. */
export type ToolName = 'temporal' | 'ferretdb' | 'maildev' | 'testServer';

/** How one tool is located and built. */
export interface Recipe {
  /** Env var that names a prebuilt executable, used as is. */
  envVar: string;
  /** A command name looked up on PATH before the cache, if that is allowed for this tool. */
  pathCommand?: string;
  /** Folder name under the cache root; changes whenever what is built changes. */
  cacheName: string;
  /** The executable's path inside the cache folder. */
  executable: string;
  /** Fills `dir` (an empty temp folder) with the tool. */
  build(dir: string, log: (line: string) => void): Promise<void>;
}

const STACK_DIR = path.dirname(fileURLToPath(import.meta.url));
const FERRETDB_SRC = path.join(STACK_DIR, 'ferretdb');
const TEST_SERVER_POM = path.join(STACK_DIR, 'test-server', 'pom.xml');

/** Small heap, one GC thread, quick JIT: start-up speed matters more than peak throughput here. */
const JAVA_OPTS = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto';

/** Short hash of what a build is made from, so editing our Go main or pom makes a new cache folder. */
function sourceHash(files: string[], extra = ''): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.update(extra).digest('hex').slice(0, 8);
}

const goHint = (envVar: string) => `install Go >= 1.24, or set ${envVar} to a prebuilt binary`;

/**
 * Fixes to FerretDB's own source, applied (every occurrence) to a copy of the module before our main is
 * built against it, so that a query or write naming a row by `_id` searches the `_id` index of its
 * SQLite backend instead of reading the whole collection:
 * - it filtered on `_ferretdb_sjson->'$._id'`, which SQLite does not match to the unique index FerretDB
 *   makes on `_ferretdb_sjson->"_id"`, so a find by `_id` and the UPDATE or DELETE behind every write read
 *   the whole table (the writes while holding SQLite's write lock); `->'_id'` is the same path, written as
 *   the index is;
 * - it handed SQLite the `_id` only when the filter was `{ _id }` alone; with other conditions beside it
 *   (`{ _id, status }`) it read every row. The handlers match each row against the whole filter anyway,
 *   so narrowing by `_id` first is safe.
 */
const FERRETDB_PATCHES = [
  { file: 'internal/backends/sqlite/metadata/metadata.go', from: `IDColumn = DefaultColumn + "->'$._id'"`, to: `IDColumn = DefaultColumn + "->'_id'"` },
  { file: 'internal/backends/sqlite/collection.go', from: 'if params.Filter.Len() == 1 {', to: 'if params.Filter.Len() >= 1 {' },
];

/** Builds `stack/ferretdb` into `dir` against a patched copy of FerretDB (a `replace` in a go.mod of the build's own). */
async function buildFerretDb(dir: string, log: (line: string) => void): Promise<void> {
  const run = (command: string, args: string[]) =>
    promisify(execFile)(command, args, { cwd: FERRETDB_SRC }).catch((err: NodeJS.ErrnoException) => {
      throw err.code === 'ENOENT' ? new Error(`${command} not found on PATH: ${goHint('TIDEWAY_FERRETDB_BIN')}`) : err;
    });
  const work = path.join(dir, 'build');
  const source = path.join(work, 'ferretdb-src');
  const downloaded = JSON.parse((await run('go', ['mod', 'download', '-json', `${FERRETDB.module}@${FERRETDB.version}`])).stdout) as { Dir: string };
  await cp(downloaded.Dir, source, { recursive: true });
  await run('chmod', ['-R', 'u+w', source]); // the module cache is read-only, and so is a copy of it
  for (const patch of FERRETDB_PATCHES) {
    const file = path.join(source, patch.file);
    const text = await readFile(file, 'utf8');
    if (!text.includes(patch.from)) throw new Error(`ferretdb: ${patch.file} of ${FERRETDB.version} has no \`${patch.from}\` to patch`);
    await writeFile(file, text.replaceAll(patch.from, patch.to));
  }
  // `-modfile` names the go.mod to use; its go.sum is the one beside it.
  await writeFile(path.join(work, 'build.mod'), `${readFileSync(path.join(FERRETDB_SRC, 'go.mod'), 'utf8')}\nreplace ${FERRETDB.module} => ${source}\n`);
  await writeFile(path.join(work, 'build.sum'), readFileSync(path.join(FERRETDB_SRC, 'go.sum')));
  try {
    await runBuildStep('go', ['build', '-v', '-trimpath', '-buildvcs=false', `-modfile=${path.join(work, 'build.mod')}`, '-o', path.join(dir, 'ferretdb'), '.'], {
      label: 'ferretdb',
      log,
      cwd: FERRETDB_SRC,
      env: { CGO_ENABLED: '0' },
      missingHint: goHint('TIDEWAY_FERRETDB_BIN'),
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Every tool's recipe. */
export const RECIPES: Record<ToolName, Recipe> = {
  temporal: {
    envVar: 'TIDEWAY_TEMPORAL_BIN',
    pathCommand: 'temporal',
    cacheName: `temporal-${TEMPORAL_CLI.version}`,
    executable: 'temporal',
    build: (dir, log) =>
      runBuildStep('go', ['install', '-v', `${TEMPORAL_CLI.module}@${TEMPORAL_CLI.version}`], {
        label: 'temporal',
        log,
        env: { GOBIN: dir, CGO_ENABLED: '0' },
        missingHint: goHint('TIDEWAY_TEMPORAL_BIN'),
      }),
  },
  ferretdb: {
    envVar: 'TIDEWAY_FERRETDB_BIN',
    cacheName: `ferretdb-${FERRETDB.version}-${sourceHash(['main.go', 'go.mod', 'go.sum'].map((f) => path.join(FERRETDB_SRC, f)), JSON.stringify(FERRETDB_PATCHES))}`,
    executable: 'ferretdb',
    build: buildFerretDb,
  },
  maildev: {
    envVar: 'TIDEWAY_MAILDEV_BIN',
    cacheName: `maildev-${MAILDEV.version}`,
    executable: path.join('node_modules', '.bin', 'maildev'),
    build: (dir, log) =>
      runBuildStep('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', `${MAILDEV.package}@${MAILDEV.version}`], {
        label: 'maildev',
        log,
        cwd: dir,
        missingHint: 'install Node.js with npm, or set TIDEWAY_MAILDEV_BIN',
      }),
  },
  testServer: {
    envVar: 'TIDEWAY_TEST_SERVER_BIN',
    cacheName: `test-server-${TEST_SERVER.version}-${sourceHash([TEST_SERVER_POM], testServerScript())}`,
    executable: 'test-server',
    build: async (dir, log) => {
      await runBuildStep(
        'mvn',
        ['-B', '-ntp', '-Dstyle.color=never', '-f', TEST_SERVER_POM, 'dependency:copy-dependencies',
          `-Dtest-server.version=${TEST_SERVER.version}`, `-DoutputDirectory=${path.join(dir, 'lib')}`],
        { label: 'test-server', log, cwd: dir, missingHint: 'install Maven and Java >= 17, or set TIDEWAY_TEST_SERVER_BIN' },
      );
      await writeFile(path.join(dir, 'test-server'), testServerScript());
      await chmod(path.join(dir, 'test-server'), 0o755);
    },
  },
};

/** The wrapper that `@temporalio/testing` runs as `test-server <port> --enable-time-skipping`. */
function testServerScript(): string {
  return `#!/bin/sh
# Temporal time-skipping test server ${TEST_SERVER.version}, fetched by Tideway's stack/recipes.ts.
# Usage: test-server <port> --enable-time-skipping
# JVM options: TIDEWAY_TEST_SERVER_JAVA_OPTS (default: ${JAVA_OPTS}). Java: $JAVA_HOME/bin/java or java on PATH.
dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
java=java
[ -n "$JAVA_HOME" ] && java="$JAVA_HOME/bin/java"
exec "$java" \${TIDEWAY_TEST_SERVER_JAVA_OPTS-${JAVA_OPTS}} -cp "$dir/lib/*" ${TEST_SERVER.mainClass} "$@"
`;
}

/**
 * How each tool of the embedded stack is found and built: its env var, its cache folder
 * name, the executable inside that folder, and the build that fills a fresh folder.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
    cacheName: `ferretdb-${FERRETDB.version}-${sourceHash(['main.go', 'go.mod', 'go.sum'].map((f) => path.join(FERRETDB_SRC, f)))}`,
    executable: 'ferretdb',
    build: (dir, log) =>
      runBuildStep('go', ['build', '-v', '-trimpath', '-buildvcs=false', '-o', path.join(dir, 'ferretdb'), '.'], {
        label: 'ferretdb',
        log,
        cwd: FERRETDB_SRC,
        env: { CGO_ENABLED: '0' },
        missingHint: goHint('TIDEWAY_FERRETDB_BIN'),
      }),
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

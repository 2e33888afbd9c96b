/**
 * Pinned versions of every tool in Tideway's embedded stack: the only place they are set.
 *
 * Bumping a version here makes `ensureTools()` build the new one into a fresh cache folder
 * on next use; the old folder stays until deleted by hand.
 */

/** The Temporal CLI (dev server), installed with `go install <module>@<version>`. */
export const TEMPORAL_CLI = {
  module: 'github.com/temporalio/cli/cmd/temporal',
  /** Later tags carry a `replace` directive that `go install` refuses. */
  version: 'v1.5.1',
} as const;

/** FerretDB, embedded into our own Go main in `stack/ferretdb/` (its go.mod pins the same). */
export const FERRETDB = {
  module: 'github.com/FerretDB/FerretDB',
  version: 'v1.24.2',
} as const;

/** The mail sink from npm. 3.x moved its REST routes, so stay on 2.x. */
export const MAILDEV = {
  package: 'maildev',
  version: '2.2.1',
} as const;

/** Temporal's Java time-skipping test server from Maven Central (`stack/test-server/pom.xml`). */
export const TEST_SERVER = {
  artifact: 'io.temporal:temporal-test-server',
  version: '1.38.0',
  mainClass: 'io.temporal.testserver.TestServer',
} as const;

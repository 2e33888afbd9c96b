import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers log every state change and bundle at INFO; tests only need warnings.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process by an earlier suite.
}

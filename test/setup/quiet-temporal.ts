import { DefaultLogger, Runtime } from '@temporalio/worker';

// Apps and workers a test starts log only errors (a test that reads lines sets its own level).
process.env.LOG_LEVEL ??= 'error';
// Workers a test starts serve no metrics (several at once would all want port 9464); a suite that scrapes sets an address.
process.env.TIDEWAY_WORKER_METRICS_ADDRESS ??= 'off';

// Workers log every state change and bundle at INFO; tests only need warnings.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process by an earlier suite.
}

import { Client, Connection } from '@temporalio/client';
import { ConfigError, loadConfig } from '../config/env.js';
import { logger } from '../config/logger.js';
import { temporalConnectionOptions } from '../config/temporal-connection.js';
import { templateDefaults } from '../config/template-defaults.js';
import { loadCustomerAttributes } from '../config/customer-attributes.js';
import { connectStore } from '../store/connection.js';
import { startTracing } from '../telemetry/tracing.js';
import { createApp } from './app.js';
import { listenApi } from './listen.js';

const config = loadConfig();
if (config.apiKeys.length === 0) throw new ConfigError('Invalid configuration:\n  TIDEWAY_API_KEY: required by the API (or a key in TIDEWAY_API_KEYS)');
const tracing = startTracing({ serviceName: config.OTEL_SERVICE_NAME ?? 'tideway-api', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, logger });
await connectStore(config.MONGODB_URI);
const connection = await Connection.connect(temporalConnectionOptions(config));
const app = createApp({
  temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: tracing.clientInterceptors }),
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  apiKeys: config.apiKeys,
  secureCookies: config.TIDEWAY_PUBLIC_URL.startsWith('https:'),
  twilioWebhook: config.TWILIO_AUTH_TOKEN ? { authToken: config.TWILIO_AUTH_TOKEN, publicUrl: config.TIDEWAY_PUBLIC_URL } : undefined,
  unsubscribeSecret: config.TIDEWAY_UNSUBSCRIBE_SECRET,
  emailFeedbackSecret: config.TIDEWAY_EMAIL_FEEDBACK_SECRET,
  temporalUiUrl: config.TEMPORAL_UI_URL,
  templateDefaults: templateDefaults({ brand: config.TIDEWAY_BRAND, publicUrl: config.TIDEWAY_PUBLIC_URL, links: config.TIDEWAY_LINKS }),
  customerAttributes: loadCustomerAttributes(config.TIDEWAY_CUSTOMER_ATTRIBUTES),
});
const server = listenApi(app, config.PORT, config.HOST, () => {
  logger.info(`api: listening on http://${config.HOST}:${config.PORT}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => server.close(() => void Promise.all([connection.close(), tracing.shutdown()])));
}

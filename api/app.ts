import type { Client } from '@temporalio/client';
import express, { type Express } from 'express';
import type { ApiKey } from '../config/api-keys.js';
import { asApiKeys, authenticate } from './auth.js';
import { auditTrail } from './audit-trail.js';
import { httpLog } from './http-log.js';
import { httpMetrics } from './http-metrics.js';
import { metricsRoutes } from './metrics.js';
import { httpSpans } from '../telemetry/http-spans.js';
import { logger as defaultLogger, type Logger } from '../config/logger.js';
import { JourneyRunner } from '../temporal/journey-runner.js';
import { EventHandoffs } from './event-handoffs.js';
import { openApiDocument } from './openapi.js';
import { jsonBody } from './json-body.js';
import { HttpProblem, problemHandler } from './problem.js';
import { consoleRoutes } from './console-static.js';
import { approvalRoutes } from './routes/approvals.js';
import { customerRoutes } from './routes/customers.js';
import { customerSearchRoutes } from './routes/customer-search.js';
import { customerTimelineRoutes } from './routes/customer-timeline.js';
import { dashboardReportRoutes } from './routes/dashboard-reports.js';
import { eventRoutes } from './routes/events.js';
import { parkedEventRoutes } from './routes/parked-events.js';
import { peopleRoutes } from './routes/people.js';
import { sessionRoutes, signInRoutes } from './routes/session.js';
import { healthRoutes } from './routes/health.js';
import { journeyPreviewRoutes } from './routes/journey-previews.js';
import { journeyRoutes } from './routes/journeys.js';
import { templateDefaults as defaultTemplateDefaults } from '../config/template-defaults.js';
import { loadCustomerAttributes } from '../config/customer-attributes.js';
import type { AttributeDeclarations } from '../domain/customer-attributes.js';
import { reportRoutes } from './routes/reports.js';
import { stageRuleRoutes } from './routes/stage-rules.js';
import { taskReopenRoutes } from './routes/task-reopen.js';
import { taskRoutes } from './routes/tasks.js';
import { emailFeedbackRoutes } from './routes/email-feedback.js';
import { twilioInboundRoutes } from './routes/twilio-inbound.js';
import { twilioWebhookRoutes } from './routes/twilio-webhooks.js';
import type { TwilioWebhookDeps } from './twilio-signature.js';
import { messageTrackingRoutes } from './routes/message-tracking.js';
import { unsubscribeRoutes } from './routes/unsubscribe.js';
import { SignInLimiter } from './sign-in-limiter.js';
import { maskForViewers } from './viewer-masking.js';

export interface AppDeps {
  temporal: Client;
  taskQueue: string;
  /** The keys services send as `Bearer`, each with its name and role; a bare string is an admin key. */
  apiKeys: readonly (string | ApiKey)[];
  /** The session cookie is `Secure`: people reach the API over HTTPS. @default false */
  secureCookies?: boolean;
  /** Checks the signature of Twilio's status callbacks and incoming messages; unset when Twilio is not configured. */
  twilioWebhook?: TwilioWebhookDeps;
  /** Checks the signature of the email provider's bounces and complaints (TIDEWAY_EMAIL_FEEDBACK_SECRET); unset, that route is 404. */
  emailFeedbackSecret?: string;
  /** Checks unsubscribe links (TIDEWAY_UNSUBSCRIBE_SECRET); unset, the secret kept in the store. */
  unsubscribeSecret?: string;
  /** Where request lines and the API's own lines go. @default the process's logger (config/logger.ts) */
  logger?: Logger;
  /** Lines about failures (a 500, a lost audit entry); at error level on `logger` when unset. */
  log?: (line: string) => void;
  /** How often events a failed request may have left stored are handed on (10 s). */
  handoffSweepMs?: number;
  /** The Temporal Web UI that runs link to (TEMPORAL_UI_URL). @default 'http://localhost:8233' */
  temporalUiUrl?: string;
  /** The brand and links message templates use, as the worker renders them (previews). */
  templateDefaults?: Record<string, string>;
  /** The custom attributes `PUT /v1/customers/:id` accepts. @default config/customer-attributes.json */
  customerAttributes?: AttributeDeclarations;
}

/** The HTTP API: thin routes over the store and the Temporal client. */
export function createApp({ temporal, taskQueue, apiKeys, secureCookies = false, twilioWebhook, emailFeedbackSecret, unsubscribeSecret, logger = defaultLogger, log = (line) => logger.error(line), handoffSweepMs = 10_000, temporalUiUrl = 'http://localhost:8233', templateDefaults = defaultTemplateDefaults({ brand: 'Tideway', publicUrl: 'http://127.0.0.1:3000' }), customerAttributes = loadCustomerAttributes() }: AppDeps): Express {
  const runner = new JourneyRunner(temporal, taskQueue);
  const handoffs = new EventHandoffs(runner, log);
  handoffs.start(handoffSweepMs);
  const app = express();
  app.disable('x-powered-by');
  // Ahead of the request log: every request is counted, and scrapes write no log line.
  app.use(httpMetrics(), metricsRoutes());
  app.use(httpLog(logger));
  app.use(healthRoutes(temporal), consoleRoutes());
  // A span per request from here on: the probes and the console's files would only be noise.
  app.use(httpSpans());
  app.use(unsubscribeRoutes({ secret: unsubscribeSecret }));
  app.use(messageTrackingRoutes({ secret: unsubscribeSecret, runner, handoffs, log }));
  const openApi = openApiDocument();
  app.get('/openapi.json', (_req, res) => {
    res.json(openApi);
  });
  app.use('/v1', auditTrail(log));
  // Routes that check their own credentials (the providers' signatures) or take none (signing in).
  app.use(twilioWebhookRoutes(twilioWebhook), twilioInboundRoutes({ twilio: twilioWebhook, runner, handoffs, logger }), emailFeedbackRoutes({ secret: emailFeedbackSecret, logger }));
  app.use(signInRoutes({ limiter: new SignInLimiter(), secureCookies }));
  app.use('/v1', authenticate(asApiKeys(apiKeys), { secureCookies }), maskForViewers);
  app.use(jsonBody());
  app.use(sessionRoutes({ secureCookies }), peopleRoutes());
  app.use(eventRoutes(runner, handoffs), parkedEventRoutes(runner, handoffs), customerSearchRoutes(), customerRoutes(runner, customerAttributes), customerTimelineRoutes({ url: temporalUiUrl, namespace: temporal.options.namespace }), journeyRoutes(runner), journeyPreviewRoutes(templateDefaults), taskRoutes(runner), taskReopenRoutes(runner), approvalRoutes(runner), stageRuleRoutes(runner), reportRoutes(), dashboardReportRoutes());
  app.use((req, _res, next) => next(new HttpProblem(404, 'Not found', `No route for ${req.method} ${req.path}.`)));
  app.use(problemHandler(log));
  return app;
}

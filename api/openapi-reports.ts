/** The OpenAPI operations of the dashboard's figures: each its own route, so services read the numbers the console shows. */
import { answer, errors, queryParams } from './openapi-parts.js';
import { MAX_PERIOD_DAYS, periodQuerySchema } from './report-period.js';
import * as answers from './responses-reports.js';
import { healthReportQuerySchema } from './routes/dashboard-reports.js';

const period = queryParams(periodQuerySchema);
const PERIOD = `from and to are UTC days (YYYY-MM-DD), both included; by default the last 30 days up to today; at most ${MAX_PERIOD_DAYS} days (400 otherwise)`;

export const reportPaths = {
  '/v1/reports/stages': {
    get: {
      summary: `Customers per stage now and at the end of each day of the period, moves between stages in it, and the share of silent customers; ${PERIOD}`,
      parameters: period,
      responses: { 200: answer('The stage report', answers.stagesReportSchema), ...errors },
    },
  },
  '/v1/reports/win-back': {
    get: { summary: 'Win-back runs won back, failed and in progress, the success rate, and the cold pool with its reasons', responses: { 200: answer('The win-back report', answers.winBackReportSchema), ...errors } },
  },
  '/v1/reports/welcome': {
    get: { summary: 'Welcome runs entered and completed (the survey done), and the completion rate', responses: { 200: answer('The welcome report', answers.welcomeReportSchema), ...errors } },
  },
  '/v1/reports/health': {
    get: {
      summary: 'Health scores in 10-point buckets, and the customers at risk: an open urgent review, or a score below the threshold',
      parameters: queryParams(healthReportQuerySchema),
      responses: { 200: answer('The health report', answers.healthReportSchema), ...errors },
    },
  },
  '/v1/reports/tasks': {
    get: {
      summary: `Tasks open and overdue now; first response and resolution times (median, p90) of the tasks created in the period; in all and per queue; ${PERIOD}`,
      parameters: period,
      responses: { 200: answer('The task report', answers.tasksReportSchema), ...errors },
    },
  },
  '/v1/reports/messages': {
    get: {
      summary: `Messages of the send ledger created in the period, per channel: sent, delivered, failed, outbox, skipped (by reason); ${PERIOD}`,
      parameters: period,
      responses: { 200: answer('The message report', answers.messagesReportSchema), ...errors },
    },
  },
};

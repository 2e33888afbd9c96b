/** What the dashboard's report routes answer (api/responses-reports.ts is their schema; the console keeps its own copy of the shapes). */
import type { Stage } from '../../../../domain/stage-names.js';

export type ByStage = Record<Stage, number>;
export interface ReasonCount {
  reason: string;
  count: number;
}
export interface Durations {
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
}

export interface StagesReport {
  from: string;
  to: string;
  now: { customers: number; withStage: number; byStage: ByStage; silentShare: number | null };
  days: { day: string; byStage: ByStage }[];
  moves: { from: Stage | null; to: Stage; count: number }[];
}

export interface WinBackReport {
  journeys: string[];
  entered: number;
  wonBack: number;
  failed: number;
  refused: number;
  inProgress: number;
  otherwise: number;
  successRate: number | null;
  coldPool: { count: number; reasons: ReasonCount[] };
}

export interface WelcomeReport {
  journeys: string[];
  entered: number;
  completed: number;
  inProgress: number;
  completionRate: number | null;
}

export interface AtRiskCustomer {
  id: string;
  name: string | null;
  stage: Stage | null;
  score: number | null;
  reason: string;
}

export interface HealthReport {
  buckets: { from: number; to: number; count: number }[];
  unscored: number;
  atRisk: { threshold: number; total: number; customers: AtRiskCustomer[] };
}

export interface TaskFigures {
  open: number;
  overdue: number;
  firstResponse: Durations;
  resolution: Durations;
}
export interface TasksReport extends TaskFigures {
  from: string;
  to: string;
  queues: (TaskFigures & { queue: string })[];
}

export interface ChannelFigures {
  channel: 'email' | 'sms' | 'wecom';
  sent: number;
  delivered: number;
  failed: number;
  outbox: number;
  skipped: number;
  pending: number;
  unconfirmed: number;
  skippedByReason: ReasonCount[];
  failedByReason: ReasonCount[];
}
export interface MessagesReport {
  from: string;
  to: string;
  channels: ChannelFigures[];
}

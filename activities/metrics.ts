/**
 * Tideway's business counters that activities see first, through the Temporal SDK's meter: they are
 * served with the SDK's own metrics on the worker's Prometheus endpoint (TIDEWAY_WORKER_METRICS_ADDRESS),
 * tagged with the activity type and task queue. Labels are closed sets; never a customer id or an address.
 */
import { asyncLocalStorage } from '@temporalio/activity';
import { type MetricMeter, noopMetricMeter } from '@temporalio/common';
import type { Channel } from '../domain/send-policy.js';
import type { Stage } from '../domain/stages.js';

/** Why a message was not sent, in one word each. */
export type MessageReason =
  /** skipped: the customer has no address on the channel */
  | 'no_address'
  /** skipped: a marketing message without the customer's consent */
  | 'no_consent'
  /** skipped: the frequency cap is full and the step says skip */
  | 'frequency_cap'
  /** skipped: no SMS provider (or WeCom credentials) configured, kept in the outbox */
  | 'no_provider'
  /** skipped: an earlier attempt was cut short and may have gone, so it is not sent again */
  | 'unconfirmed_attempt'
  /** failed: the address is malformed */
  | 'malformed_address'
  /** failed: the provider refused the message for good */
  | 'provider_refused'
  /** failed: the template is missing or lacks a variable */
  | 'template_error';

/** What the ledger records of a message, for its counter: the channel, and why when it did not go. */
export interface MessageCount {
  channel: Channel;
  reason?: MessageReason;
}

/** The running activity's meter; outside an activity (a bench, a test calling a function directly) nothing is counted. */
const meter = (): MetricMeter => asyncLocalStorage.getStore()?.metricMeter ?? noopMetricMeter;

const MESSAGE_COUNTERS = {
  sent: ['tideway_messages_sent_total', 'Messages handed to the provider'],
  skipped: ['tideway_messages_skipped_total', 'Messages not sent, by reason (no address, consent, cap, no provider, an unconfirmed attempt)'],
  failed: ['tideway_messages_failed_total', 'Messages that failed for good, by reason (the provider refused, a malformed address, a template error)'],
} as const;

/** Counts what became of a message, once, where the send ledger records it. */
export function countMessage(outcome: keyof typeof MESSAGE_COUNTERS, { channel, reason }: MessageCount): void {
  const [name, description] = MESSAGE_COUNTERS[outcome];
  meter()
    .createCounter(name, undefined, description)
    .add(1, outcome === 'sent' ? { channel } : { channel, reason: reason ?? 'unspecified' });
}

/** Counts a stage change as the lifecycle's record of it is written (`from` is `none` for a first stage). */
export function countStageChange(from: Stage | null, to: Stage): void {
  meter().createCounter('tideway_stage_changes_total', undefined, 'Stage changes applied, by from and to stage').add(1, { from: from ?? 'none', to });
}

/**
 * Counts a task opened for a person, by the queue it was opened for (before routing rules). A retry
 * of an activity whose task was already written counts it again: rare, and rates barely move.
 */
export function countTaskOpened(queue: string): void {
  meter().createCounter('tideway_tasks_opened_total', undefined, 'Tasks opened for a person, by the queue asked for').add(1, { queue });
}

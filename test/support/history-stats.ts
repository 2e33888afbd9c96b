/** What a workflow's current run went through, from its history: for a test to say why a workflow is behind. */
import type { Client } from '@temporalio/client';
import { tsToMs } from '@temporalio/common/lib/time.js';

export interface HistoryStats {
  workflowId: string;
  events: number;
  signals: number;
  markers: number;
  /** Workflow tasks completed, timed out (the worker answered too late, or died) and failed. */
  tasksCompleted: number;
  tasksTimedOut: number;
  tasksFailed: number;
  /** The longest a workflow task took from started to completed (or timed out), ms. */
  longestTaskMs: number;
  /** The pending workflow task's attempt, if one is pending. */
  pendingTaskAttempt?: number;
}

export async function historyStats(client: Client, workflowId: string): Promise<HistoryStats> {
  const handle = client.workflow.getHandle(workflowId);
  const [history, description] = await Promise.all([handle.fetchHistory(), handle.describe()]);
  const events = history.events ?? [];
  const startedAt = new Map<string, number>();
  const stats: HistoryStats = { workflowId, events: events.length, signals: 0, markers: 0, tasksCompleted: 0, tasksTimedOut: 0, tasksFailed: 0, longestTaskMs: 0 };
  for (const event of events) {
    const at = tsToMs(event.eventTime);
    if (event.workflowTaskStartedEventAttributes) startedAt.set(String(event.eventId), at);
    if (event.workflowExecutionSignaledEventAttributes) stats.signals += 1;
    if (event.markerRecordedEventAttributes) stats.markers += 1;
    const ended = event.workflowTaskCompletedEventAttributes ?? event.workflowTaskTimedOutEventAttributes ?? event.workflowTaskFailedEventAttributes;
    if (!ended) continue;
    if (event.workflowTaskCompletedEventAttributes) stats.tasksCompleted += 1;
    if (event.workflowTaskTimedOutEventAttributes) stats.tasksTimedOut += 1;
    if (event.workflowTaskFailedEventAttributes) stats.tasksFailed += 1;
    const started = startedAt.get(String(ended.startedEventId));
    if (started !== undefined) stats.longestTaskMs = Math.max(stats.longestTaskMs, at - started);
  }
  const pending = description.raw.pendingWorkflowTask;
  if (pending) stats.pendingTaskAttempt = pending.attempt ?? undefined;
  return stats;
}

const decode = (payloads?: { data?: Uint8Array | string | null }[] | null) =>
  (payloads ?? []).map(({ data }) => (typeof data === 'string' ? Buffer.from(data, 'base64') : Buffer.from(data ?? [])).toString('utf8')).join(' ');

/** A local activity's result, short: the customer as stored when the lifecycle read it, else its start. */
function shortResult(text: string): string {
  try {
    const value = JSON.parse(text) as { stored?: unknown };
    if (value && typeof value === 'object' && 'stored' in value) return `stored ${JSON.stringify(value.stored)}`;
  } catch {
    // not JSON: shown as it is
  }
  return text.slice(0, 120);
}

/**
 * The first run's opening, one line per workflow task, signal and local activity (with what it returned),
 * repeats folded: enough to see which step a retried task did twice.
 */
export async function firstRunTimeline(client: Client, workflowId: string, maxEvents = 120): Promise<string[]> {
  const first = (await client.workflow.getHandle(workflowId).describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
  const events = (await client.workflow.getHandle(workflowId, first).fetchHistory()).events ?? [];
  const begin = tsToMs(events[0]?.eventTime);
  const lines: { text: string; at: string; times: number }[] = [];
  for (const event of events.slice(0, maxEvents)) {
    let text: string | undefined;
    if (event.workflowTaskStartedEventAttributes) text = 'task started';
    else if (event.workflowTaskCompletedEventAttributes) text = 'task completed';
    else if (event.workflowTaskTimedOutEventAttributes) text = 'task TIMED OUT';
    else if (event.workflowTaskFailedEventAttributes) text = `task failed: ${event.workflowTaskFailedEventAttributes.failure?.message ?? ''}`;
    else if (event.workflowExecutionSignaledEventAttributes) text = 'signal';
    else if (event.markerRecordedEventAttributes) {
      const details = event.markerRecordedEventAttributes.details ?? {};
      const type = /"activity_type":"([^"]+)"|"activityType":"([^"]+)"/.exec(decode(details.data?.payloads));
      text = type ? `local activity ${type[1] ?? type[2]} → ${shortResult(decode(details.result?.payloads))}` : 'marker';
    }
    if (text === undefined) continue;
    const last = lines.at(-1);
    if (last?.text === text) last.times += 1;
    else lines.push({ text, at: `+${tsToMs(event.eventTime) - begin} ms #${event.eventId}`, times: 1 });
  }
  return lines.map((l) => `${l.at} ${l.text}${l.times > 1 ? ` (×${l.times})` : ''}`);
}

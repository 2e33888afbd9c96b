/** What the customer routes answer, as the console reads it (api/routes/customers.ts, customer-search.ts, customer-timeline.ts). */

export interface ListedCustomer {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  stage: string | null;
  health: { score: number } | null;
  tags: string[];
  lastInteractionAt: string | null;
}

export interface CustomerList {
  customers: ListedCustomer[];
  next: string | null;
  total: number;
}

export interface StageChange {
  from: string | null;
  to: string;
  reason: string;
  source: string;
  ruleVersion?: string;
  at: string;
}

export interface ConsentRecord {
  status: 'opted_in' | 'opted_out';
  at: string | null;
  source: string;
}

export interface RunSummary {
  journeyId: string;
  journeyVersion?: string;
  workflowId: string;
  runId: string;
  status: 'running' | 'finished';
  outcome?: string | null;
  reason?: string | null;
  startedAt: string;
  finishedAt?: string | null;
}

export interface Customer {
  id: string;
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  locale?: string | null;
  timezone?: string | null;
  stage: string | null;
  stageChangedAt?: string | null;
  stageHistory: StageChange[];
  consent: Record<'email' | 'sms' | 'wecom', ConsentRecord | null>;
  tags: string[];
  health?: { score?: number | null; components?: Record<string, number> | null; updatedAt?: string | null } | null;
  lastInteractionAt?: string | null;
  mergedInto: string | null;
  identities: { kind: string; value: string }[];
  runs: RunSummary[];
}

interface Item<K extends string> {
  at: string;
  kind: K;
}

export type TimelineItem =
  | (Item<'event'> & { eventId: string; type: string; properties: Record<string, unknown>; applied: boolean; parked: boolean })
  | (Item<'message'> & { id: string; channel: string; template: string; status: string; reason: string | null; subject: string | null; journeyId: string | null })
  | (Item<'task'> & {
      id: string;
      title: string;
      queue: string;
      status: 'open' | 'completed';
      assignee: string | null;
      dueAt: string;
      outcome: string | null;
      completedAt: string | null;
      completedBy: { name: string } | null;
      journeyId: string | null;
    })
  | (Item<'approval'> & { id: string; approvalKind: string; reason: string; status: string; decidedAt: string | null; decidedBy: { name: string } | null; journeyId: string | null })
  | (Item<'run'> & {
      journeyId: string;
      version: string;
      workflowId: string;
      runId: string;
      status: 'running' | 'finished';
      outcome: string | null;
      reason: string | null;
      arms: Record<string, unknown>;
      finishedAt: string | null;
      temporalUrl: string;
    })
  | (Item<'stage'> & { from: string | null; to: string; reason: string; source: string });

export type TimelineKind = TimelineItem['kind'];
export const TIMELINE_KINDS: TimelineKind[] = ['event', 'message', 'task', 'approval', 'run', 'stage'];

export interface Timeline {
  customerId: string;
  items: TimelineItem[];
  next: string | null;
}

export interface JourneySummary {
  id: string;
  name: string;
  version: string;
}

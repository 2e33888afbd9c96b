/** What the task, approval and run routes answer, as the inbox reads them (api/routes/tasks.ts, approvals.ts, journeys.ts). */

/** Who acted: a signed-in person, an API key, or the users command. */
export interface Actor {
  kind: 'user' | 'key' | 'cli';
  name: string;
  role?: string | null;
}

export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';

export interface Task {
  /** Its key: `<runId>:<step>` for a journey's task, `review:<eventId>` for an urgent review. */
  id: string;
  taskKey: string;
  customerId: string;
  journeyId?: string | null;
  workflowId?: string | null;
  title: string;
  /** The outcomes the journey step offers (free text stays possible). */
  outcomes?: string[] | null;
  queue: string;
  requestedQueue?: string | null;
  assignee?: string | null;
  assignedBy?: Actor | null;
  priority: TaskPriority;
  status: 'open' | 'completed';
  dueAt: string;
  outcome?: string | null;
  note?: string | null;
  completedAt?: string | null;
  completedBy?: Actor | null;
  createdAt: string;
}

export interface Approval {
  id: string;
  approvalKey: string;
  kind: 'journey-step' | 'stage-change';
  customerId: string;
  journeyId?: string | null;
  workflowId?: string | null;
  stageChange?: { from?: string | null; to?: string | null; reason?: string | null; source?: string | null } | null;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedAt?: string | null;
  decidedBy?: Actor | null;
  createdAt: string;
}

/** `GET /v1/journeys/:id/runs/:customerId`: Temporal's status of the run, and what the run says of itself. */
export interface RunState {
  status: string;
  journeyId: string;
  customerId: string;
  currentStep: string | null;
  completedSteps: string[];
  waitingFor: string | null;
  outcome: 'goal_reached' | 'exited' | 'completed' | 'failed' | 'refused' | null;
  reason: string | null;
}

/** The step of a journey's task: the part of its key after the run's id. */
export const taskStep = (task: Pick<Task, 'taskKey' | 'journeyId'>): string | undefined => (task.journeyId ? task.taskKey.split(':').at(-1) : undefined);

import type { Activities } from '../../activities/index.js';

/** What a journey did, as seen by activities that only record: for journey tests on the time-skipping server. */
export interface Recorded {
  emails: { template: string; sendKey: string }[];
  tasks: { title: string; queue: string; slaMs: number }[];
  stages: { stage: string; reason: string }[];
  runs: { status: string; outcome?: string }[];
}

/** Activities typed like the real ones that record each call instead of doing I/O. */
export function recordingActivities(): { activities: Activities; recorded: Recorded } {
  const recorded: Recorded = { emails: [], tasks: [], stages: [], runs: [] };
  const activities: Activities = {
    async recordRun({ status, outcome }) {
      recorded.runs.push({ status, outcome });
    },
    async sendEmail({ template, sendKey }) {
      recorded.emails.push({ template, sendKey });
      return { status: 'sent' };
    },
    async createTask({ title, queue, slaMs }) {
      recorded.tasks.push({ title, queue, slaMs });
      return { taskId: `task-${recorded.tasks.length}`, dueAt: new Date(Date.now() + slaMs).toISOString() };
    },
    async setStage({ stage, reason }) {
      recorded.stages.push({ stage, reason });
      return { changed: true };
    },
  };
  return { activities, recorded };
}

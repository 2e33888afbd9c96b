/** The OpenAPI operation that reopens a task (the others are in openapi.ts). */
import { z } from 'zod';
import { answer, body, bodyErrors, pathParam, problem } from './openapi-parts.js';
import { reopenedTaskSchema } from './responses.js';
import { taskReopenSchema } from './routes/task-reopen.js';

export const taskReopenPaths = {
  '/v1/tasks/{id}/reopen': {
    post: {
      summary:
        'Open a completed task again, or give an overdue one a new SLA (`sla`, by default its first SLA), back in its queue, with the reason kept in `reopenings`. ' +
        'A run that moved on is not rewound: `runWaiting` says whether the run still waits on the task, and completing it again does not tell a run twice',
      parameters: [pathParam('id', z.string().min(1).max(500))],
      requestBody: body(taskReopenSchema),
      responses: { 200: answer('Reopened', reopenedTaskSchema), 404: problem('No such task'), 409: problem('The task is open and not overdue (assign or claim it), or changed meanwhile'), ...bodyErrors },
    },
  },
};

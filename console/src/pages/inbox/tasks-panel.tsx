import { useState } from 'preact/hooks';
import { withQuery } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { useMe } from '../../session.js';
import { useApi } from '../../use-api.js';
import type { ActionDone } from './action-log.js';
import { CardList, FocusedItem } from './card-parts.js';
import { TaskCard } from './task-card.js';
import type { Task } from './types.js';

/** Tasks by queue, mine or everyone's, open or completed, soonest due first; `focus` (from `?task=`) is loaded on its own, in any filter. */
export function TasksPanel({ focus, done }: { focus: string | null; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<'open' | 'completed'>('open');
  const [queue, setQueue] = useState('');
  const [mine, setMine] = useState(false);
  const list = useApi<{ tasks: Task[] }>(withQuery('/v1/tasks', { status, queue, assignee: mine ? me.name : undefined }));
  // The queues there are: those of the tasks in this status, whatever the other filters.
  const all = useApi<{ tasks: Task[] }>(withQuery('/v1/tasks', { status }));
  const focused = useApi<Task>(focus ? `/v1/tasks/${encodeURIComponent(focus)}` : null);
  const changed = () => {
    list.reload();
    all.reload();
    if (focus) focused.reload();
  };
  // A reopened task is open again: show the open ones, where it is back in its queue.
  const reopened = () => (status === 'open' ? changed() : setStatus('open'));
  const queues = [...new Set([...(all.data?.tasks ?? []).map((task) => task.queue), ...(queue ? [queue] : [])])].sort();
  const tasks = (list.data?.tasks ?? []).filter((task) => task.id !== focus);
  const now = Date.now();
  const overdue = (list.data?.tasks ?? []).filter((task) => task.status === 'open' && Date.parse(task.dueAt) < now).length;
  return (
    <section class="tasks-panel" aria-label={t('inbox.tab.tasks')}>
      {focus && <FocusedItem loaded={focused}>{(task) => <TaskCard key={`focus-${task.id}`} task={task} focused changed={changed} reopened={reopened} done={done} />}</FocusedItem>}
      <form class="toolbar" aria-label={t('inbox.filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('inbox.filter.queue')}
          <select name="queue" value={queue} onChange={(event) => setQueue(event.currentTarget.value)}>
            <option value="">{t('inbox.filter.allQueues')}</option>
            {queues.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('inbox.filter.status')}
          <select name="status" value={status} onChange={(event) => setStatus(event.currentTarget.value as 'open' | 'completed')}>
            <option value="open">{t('inbox.filter.open')}</option>
            <option value="completed">{t('inbox.filter.completed')}</option>
          </select>
        </label>
        <label class="checkbox">
          <input type="checkbox" name="mine" checked={mine} onChange={(event) => setMine(event.currentTarget.checked)} />
          {t('inbox.filter.mine')}
        </label>
        {list.data && (
          <p class="muted summary" data-count={list.data.tasks.length} data-overdue={overdue}>
            {t('inbox.summary', { count: list.data.tasks.length, overdue })}
          </p>
        )}
      </form>
      <CardList error={list.error} loading={list.loading} count={list.data?.tasks.length} empty={t('inbox.noTasks')}>
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} changed={changed} reopened={reopened} done={done} />
        ))}
      </CardList>
    </section>
  );
}

import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { formatDateTime, formatDuration } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useMe } from '../../session.js';
import type { ActionDone } from './action-log.js';
import { CustomerAndJourney, Fact, InboxForm } from './card-parts.js';
import { canReopen, ReopenForm } from './reopen-form.js';
import { KNOWN_OUTCOMES, needsNote, outcomeLabel, outcomesFor } from './task-outcomes.js';
import { type Task, taskStep } from './types.js';
import { useWrite } from './use-write.js';

const taskPath = (task: Task, action: string) => `/v1/tasks/${encodeURIComponent(task.id)}/${action}`;

/** "due in 3 hours" or, in red, "overdue by 2 days"; a completed task says when it was done. */
export function TaskSla({ task, now = Date.now() }: { task: Task; now?: number }) {
  const { t, locale } = useI18n();
  if (task.status === 'completed') return <span class="muted">{t('inbox.task.completedAt', { at: formatDateTime(locale, task.completedAt) })}</span>;
  const left = Date.parse(task.dueAt) - now;
  return left < 0 ? (
    <span class="overdue sla" data-sla="overdue" title={formatDateTime(locale, task.dueAt)}>
      {t('inbox.task.overdueBy', { time: formatDuration(locale, -left) })}
    </span>
  ) : (
    <span class="sla" data-sla="due" title={formatDateTime(locale, task.dueAt)}>
      {t('inbox.task.dueIn', { time: formatDuration(locale, left) })}
    </span>
  );
}


/**
 * One task with what a person can do with it: claim it, give it to someone (or back to the queue),
 * complete it with an outcome, reopen it when completed or overdue. `done` hears of each action, to show the run it
 * moved on; `reopened` (by default `changed`) of a reopening, to show the task back among the open ones.
 */
export function TaskCard({ task, focused, changed, reopened = changed, done }: { task: Task; focused?: boolean; changed(): void; reopened?(): void; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const me = useMe();
  const [form, setForm] = useState<'assign' | 'complete' | 'reopen' | null>(focused && task.status === 'open' ? 'complete' : null);
  const step = taskStep(task);
  const vars = { title: task.title, customer: task.customerId };
  const claim = useWrite(() => post(taskPath(task, 'claim')), changed);
  const open = task.status === 'open';
  const mine = task.assignee === me.name;
  return (
    <article class={`card task-card${focused ? ' focused' : ''}`} data-task-id={task.id} data-status={task.status} aria-label={task.title}>
      <header class="task-head">
        <span class={`badge priority-${task.priority}`} data-priority={task.priority}>
          {t(`inbox.priority.${task.priority}`)}
        </span>
        <strong class="task-title">{task.title}</strong>
        <TaskSla task={task} />
      </header>
      <dl class="task-facts">
        <CustomerAndJourney customerId={task.customerId} journeyId={task.journeyId} step={step} />
        <Fact label={t('inbox.task.queue')}>{task.queue}</Fact>
        <Fact label={t('inbox.task.assignee')}>
          <span data-assignee={task.assignee ?? ''}>{task.assignee ? (mine ? t('inbox.task.me', { name: task.assignee }) : task.assignee) : <span class="muted">{t('inbox.task.unassigned')}</span>}</span>
        </Fact>
      </dl>
      {!open && (
        <p class="task-outcome" data-outcome={task.outcome ?? ''}>
          {t('inbox.task.outcome', { outcome: outcomeLabel(t, task.outcome ?? '—') })}
          {task.note && <span> — {task.note}</span>}
          {task.completedBy && <span class="muted"> {t('inbox.task.completedBy', { name: task.completedBy.name })}</span>}
        </p>
      )}
      {(open || canReopen(task)) && (
        <div class="task-actions">
          {open && (
            <>
              <button type="button" onClick={() => void claim.run().then((ok) => ok && done({ message: { key: 'inbox.done.claimed', vars } }))} disabled={claim.pending || mine}>
                {t('inbox.action.claim')}
              </button>
              <button type="button" aria-expanded={form === 'assign'} onClick={() => setForm(form === 'assign' ? null : 'assign')}>
                {t('inbox.action.assign')}
              </button>
              <button type="button" class="primary" aria-expanded={form === 'complete'} onClick={() => setForm(form === 'complete' ? null : 'complete')}>
                {t('inbox.action.complete')}
              </button>
            </>
          )}
          {canReopen(task) && (
            <button type="button" name="reopen" aria-expanded={form === 'reopen'} onClick={() => setForm(form === 'reopen' ? null : 'reopen')}>
              {t('inbox.action.reopen')}
            </button>
          )}
        </div>
      )}
      <ErrorNotice error={claim.error} />
      {form === 'reopen' && canReopen(task) && <ReopenForm task={task} reopened={reopened} close={() => setForm(null)} done={done} />}
      {open && form === 'assign' && <AssignForm task={task} changed={changed} close={() => setForm(null)} done={done} />}
      {open && form === 'complete' && <CompleteForm task={task} changed={changed} close={() => setForm(null)} done={done} />}
    </article>
  );
}

function AssignForm({ task, changed, close, done }: { task: Task; changed(): void; close(): void; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(task.assignee ?? '');
  const assign = useWrite((assignee: string | null) => post(taskPath(task, 'assign'), { assignee }), changed);
  const send = async (assignee: string | null) => {
    if (await assign.run(assignee)) {
      done({ message: { key: assignee ? 'inbox.done.assigned' : 'inbox.done.handedBack', vars: { title: task.title, customer: task.customerId, name: assignee ?? '' } } });
      close();
    }
  };
  return (
    <InboxForm name="assign-form" label={t('inbox.action.assign')} submit={() => void send(name.trim())}>
      <label>
        {t('inbox.assign.name')}
        <input name="assignee" value={name} required onInput={(event) => setName(event.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={assign.pending}>
        {t('inbox.assign.submit')}
      </button>
      {task.assignee && (
        <button type="button" onClick={() => void send(null)} disabled={assign.pending}>
          {t('inbox.assign.handBack')}
        </button>
      )}
      <button type="button" class="link" onClick={close}>
        {t('common.cancel')}
      </button>
      <ErrorNotice error={assign.error} />
    </InboxForm>
  );
}

const OTHER = '__other';

/** The outcomes the task's step expects, or the person's own words; a refusal needs its reason. */
function CompleteForm({ task, changed, close, done }: { task: Task; changed(): void; close(): void; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const choices = outcomesFor(task);
  const [picked, setPicked] = useState<string>('');
  const [other, setOther] = useState('');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<'outcome' | 'note' | null>(null);
  const outcome = picked === OTHER ? other.trim() : picked;
  const noteNeeded = needsNote(outcome);
  const complete = useWrite((answer: string, text: string) => post(taskPath(task, 'complete'), { outcome: answer, ...(text ? { note: text } : {}) }), changed);
  const submit = async () => {
    if (!outcome) return setMissing('outcome');
    if (noteNeeded && !note.trim()) return setMissing('note');
    setMissing(null);
    if (!(await complete.run(outcome, note.trim()))) return;
    done({
      message: { key: 'inbox.done.completed', vars: { title: task.title, customer: task.customerId } },
      outcome,
      ...(task.journeyId ? { run: { journeyId: task.journeyId, customerId: task.customerId, step: taskStep(task) } } : {}),
    });
    close();
  };
  return (
    <InboxForm name="complete-form" label={t('inbox.action.complete')} submit={() => void submit()}>
      <fieldset>
        <legend>{t('inbox.complete.outcome')}</legend>
        {[...choices.map((c) => c.value), OTHER].map((value) => (
          <label key={value} class="choice">
            <input type="radio" name="outcome" value={value} checked={picked === value} onChange={() => setPicked(value)} />
            <span>{value === OTHER ? t('inbox.outcome.other') : outcomeLabel(t, value)}</span>
            {value !== OTHER && KNOWN_OUTCOMES.has(value) && <span class="muted">{t(`inbox.outcomeHint.${value}`)}</span>}
          </label>
        ))}
        {picked === OTHER && <input name="other-outcome" aria-label={t('inbox.complete.otherLabel')} placeholder={t('inbox.complete.otherLabel')} value={other} maxLength={200} onInput={(event) => setOther(event.currentTarget.value)} />}
        {missing === 'outcome' && (
          <span class="field-error" role="alert" data-field="outcome">
            {t('inbox.complete.needOutcome')}
          </span>
        )}
      </fieldset>
      <label>
        {noteNeeded ? t('inbox.complete.reasonRequired') : t('inbox.complete.note')}
        <textarea name="note" rows={2} maxLength={2000} required={noteNeeded} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
      </label>
      {missing === 'note' && (
        <span class="field-error" role="alert" data-field="note">
          {t('inbox.complete.needReason')}
        </span>
      )}
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={complete.pending}>
          {t('inbox.complete.submit')}
        </button>
        <button type="button" class="link" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={complete.error} />
    </InboxForm>
  );
}

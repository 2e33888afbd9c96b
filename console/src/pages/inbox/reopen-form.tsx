import { useState } from 'preact/hooks';
import { post } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { useI18n } from '../../i18n/index.js';
import type { ActionDone } from './action-log.js';
import { InboxForm } from './card-parts.js';
import type { Task } from './types.js';
import { useWrite } from './use-write.js';

/** A completed task is reopened, an overdue one gets a new due time: back in its queue, unassigned. */
export const canReopen = (task: Task, now = Date.now()) => task.status === 'completed' || Date.parse(task.dueAt) < now;

/** Why the task is opened again (required), and for how long (by default its first SLA). */
export function ReopenForm({ task, reopened, close, done }: { task: Task; reopened(): void; close(): void; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [sla, setSla] = useState('');
  const [missing, setMissing] = useState(false);
  const reopen = useWrite(
    (why: string, within: string) => post(`/v1/tasks/${encodeURIComponent(task.id)}/reopen`, { reason: why, ...(within ? { sla: within } : {}) }),
    reopened,
  );
  const submit = async () => {
    if (!reason.trim()) return setMissing(true);
    setMissing(false);
    if (!(await reopen.run(reason.trim(), sla.trim()))) return;
    done({ message: { key: 'inbox.done.reopened', vars: { title: task.title, customer: task.customerId, reason: reason.trim() } } });
    close();
  };
  return (
    <InboxForm name="reopen-form" label={t('inbox.action.reopen')} submit={() => void submit()}>
      <label>
        {t('inbox.reopen.reason')}
        <textarea name="reopen-reason" rows={2} maxLength={500} required value={reason} onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
      {missing && (
        <span class="field-error" role="alert" data-field="reason">
          {t('inbox.reopen.needReason')}
        </span>
      )}
      <label>
        {t('inbox.reopen.sla')}
        <input name="reopen-sla" placeholder="2 days" value={sla} onInput={(event) => setSla(event.currentTarget.value)} />
      </label>
      <div class="form-buttons">
        <button type="submit" class="primary" disabled={reopen.pending}>
          {t('inbox.reopen.submit')}
        </button>
        <button type="button" class="link" onClick={close}>
          {t('common.cancel')}
        </button>
      </div>
      <ErrorNotice error={reopen.error} />
    </InboxForm>
  );
}

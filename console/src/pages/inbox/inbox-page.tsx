import { useCallback, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/index.js';
import { useLocation } from '../../router.js';
import { type ActionDone, ActionLog } from './action-log.js';
import { ApprovalsPanel } from './approvals-panel.js';
import './inbox.css';
import { TasksPanel } from './tasks-panel.js';

/**
 * The work waiting for people: tasks (`#/inbox`, `?task=<id>` opens one) and approvals
 * (`#/inbox?tab=approvals`, `?approval=<id>` opens one). Each action shows the run it moved on.
 */
export function InboxPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const approvalFocus = query.get('approval');
  const tab = query.get('tab') === 'approvals' || approvalFocus ? 'approvals' : 'tasks';
  const [actions, setActions] = useState<ActionDone[]>([]);
  const next = useRef(0);
  const done = useCallback((action: Omit<ActionDone, 'id'>) => setActions((previous) => [{ ...action, id: ++next.current }, ...previous].slice(0, 5)), []);
  return (
    <section class="page inbox">
      <h1>{t('inbox.title')}</h1>
      <nav class="tabs" role="tablist" aria-label={t('inbox.title')}>
        <a role="tab" href="#/inbox" aria-selected={tab === 'tasks'} data-tab="tasks">
          {t('inbox.tab.tasks')}
        </a>
        <a role="tab" href="#/inbox?tab=approvals" aria-selected={tab === 'approvals'} data-tab="approvals">
          {t('inbox.tab.approvals')}
        </a>
      </nav>
      <ActionLog actions={actions} />
      {tab === 'tasks' ? <TasksPanel focus={query.get('task')} done={done} /> : <ApprovalsPanel focus={approvalFocus} done={done} />}
    </section>
  );
}

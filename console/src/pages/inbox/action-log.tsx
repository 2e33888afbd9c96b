import { useI18n } from '../../i18n/index.js';
import { RunProgress, StageProgress } from './run-progress.js';
import { outcomeLabel } from './task-outcomes.js';

/** One action a person took in the inbox, and what it reached: a waiting run, or a customer's stage. */
export interface ActionDone {
  id: number;
  message: { key: string; vars: Record<string, string> };
  /** A task's outcome, named in the reader's language as `{outcome}` of the message. */
  outcome?: string;
  run?: { journeyId: string; customerId: string; step?: string };
  stage?: { customerId: string; to: string };
}

/** The latest actions first, each watching what it moved on. */
export function ActionLog({ actions }: { actions: ActionDone[] }) {
  const { t } = useI18n();
  if (actions.length === 0) return null;
  return (
    <section class="card action-log" aria-label={t('inbox.actions.title')} aria-live="polite">
      <h2>{t('inbox.actions.title')}</h2>
      <ul>
        {actions.map((action) => (
          <li key={action.id} data-action-id={action.id}>
            <span>{t(action.message.key, action.outcome === undefined ? action.message.vars : { ...action.message.vars, outcome: outcomeLabel(t, action.outcome) })}</span>
            {action.run && <RunProgress {...action.run} />}
            {action.stage && <StageProgress {...action.stage} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

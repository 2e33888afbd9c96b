import { useEffect, useState } from 'preact/hooks';
import { ApiError, get } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { StageBadge } from '../../components/stage-badge.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import type { RunState } from './types.js';

const POLL_MS = 1_500;
const POLLS = 20;

/**
 * Asks `path` again every 1.5 s (at most 20 times) until `settled` says the change arrived, keeping the
 * latest answer: what a person waits for after an action reaches a workflow.
 */
function usePolled<T>(path: string, settled: (value: T) => boolean): { value?: T; error?: Error; polling: boolean } {
  const [state, setState] = useState<{ value?: T; error?: Error; polling: boolean }>({ polling: true });
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (left: number) => {
      try {
        const value = await get<T>(path);
        if (stopped) return;
        const done = settled(value) || left <= 1;
        setState({ value, polling: !done });
        if (!done) timer = setTimeout(() => void poll(left - 1), POLL_MS);
      } catch (error) {
        if (!stopped) setState({ error: error as Error, polling: false });
      }
    };
    void poll(POLLS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [path]);
  return state;
}

/** The run an action reached, as it goes on: watched until it ends, or waits at a step past `step`. */
export function RunProgress({ journeyId, customerId, step }: { journeyId: string; customerId: string; step?: string }) {
  const { t } = useI18n();
  const path = `/v1/journeys/${encodeURIComponent(journeyId)}/runs/${encodeURIComponent(customerId)}`;
  const { value: run, error, polling } = usePolled<RunState>(path, (state) => state.outcome !== null || (state.currentStep !== step && state.waitingFor !== null));
  if (error) return error instanceof ApiError && error.status === 404 ? <p class="muted">{t('inbox.run.none')}</p> : <ErrorNotice error={error} />;
  if (!run) return <p class="muted run-progress">{t('inbox.run.asking')}</p>;
  const finished = run.outcome !== null;
  return (
    <p class="run-progress" data-run-status={finished ? 'finished' : 'running'} data-run-outcome={run.outcome ?? undefined} data-run-step={run.currentStep ?? undefined}>
      <strong>{t('inbox.run.label', { journey: journeyId })}</strong>{' '}
      {finished ? (
        <span class={`badge run-${run.outcome}`}>{t('inbox.run.finished', { outcome: runOutcomeLabel(t, journeyId, run.outcome!) })}</span>
      ) : (
        <span class="badge run-running">{t('inbox.run.running', { step: run.currentStep ?? '—' })}</span>
      )}{' '}
      {finished && run.reason && <span class="muted">{t('inbox.run.reason', { reason: run.reason })}</span>}
      {!finished && run.waitingFor && <span class="muted">{t('inbox.run.waiting', { what: run.waitingFor })}</span>}
      {polling && <span class="muted"> {t('inbox.run.watching')}</span>}
    </p>
  );
}

/** `goal_reached` of the win-back journey reads "won back"; the others by their outcome. */
export function runOutcomeLabel(t: (key: string) => string, journeyId: string, outcome: string): string {
  if (outcome === 'goal_reached' && journeyId === 'win-back') return t('inbox.run.outcome.wonBack');
  return ['goal_reached', 'exited', 'completed', 'failed', 'refused'].includes(outcome) ? t(`inbox.run.outcome.${outcome}`) : outcome;
}

/** The customer's stage after an approved stage change reached their lifecycle. */
export function StageProgress({ customerId, to }: { customerId: string; to: string }) {
  const { t } = useI18n();
  const { value: customer, error, polling } = usePolled<{ stage: string | null }>(`/v1/customers/${encodeURIComponent(customerId)}`, (c) => c.stage === to);
  if (error) return <ErrorNotice error={error} />;
  return (
    <p class="run-progress" data-stage-now={customer?.stage ?? undefined}>
      <strong>{t('inbox.stageNow')}</strong> <a href={href('customers', customerId)}>{customerId}</a> {customer ? <StageBadge stage={customer.stage} /> : t('common.loading')}
      {polling && <span class="muted"> {t('inbox.run.watching')}</span>}
    </p>
  );
}

import { useState } from 'preact/hooks';
import { STAGES } from '../../../../domain/stage-names.js';
import { post } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { StageBadge, stageLabel } from '../../components/stage-badge.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useAction } from '../../use-action.js';
import { useApi } from '../../use-api.js';
import { TableHead } from './customer-bits.js';
import { FieldError } from '../../components/field-error.js';
import type { Customer, JourneySummary, RunSummary } from './types.js';

export type RefreshUntil = (settled: (customer: Customer) => boolean) => Promise<void>;

const path = (...parts: string[]) => `/v1/${parts.map(encodeURIComponent).join('/')}`;
const valueOf = (event: Event) => (event.target as HTMLInputElement).value;

/**
 * What a person can do to the customer: set the stage, enroll in a journey, merge a duplicate in. Each is
 * shown to every role; the API refuses one the role lacks, and the refusal says which role it needs.
 */
export function CustomerActions({ customer, refreshUntil }: { customer: Customer; refreshUntil: RefreshUntil }) {
  const { t } = useI18n();
  return (
    <section class="card customer-actions" aria-labelledby="customer-actions">
      <h2 id="customer-actions">{t('customer.actions')}</h2>
      <div class="action-forms">
        <SetStage customer={customer} refreshUntil={refreshUntil} />
        <Enroll customer={customer} refreshUntil={refreshUntil} />
        <Merge customer={customer} refreshUntil={refreshUntil} />
      </div>
      <Runs customer={customer} refreshUntil={refreshUntil} />
    </section>
  );
}

/** The write, then reading the customer again until `settled`; `waiting` while the change is on its way. */
function useCustomerWrite<A extends unknown[]>(write: (...args: A) => Promise<unknown>) {
  const [waiting, setWaiting] = useState(false);
  const action = useAction(write);
  const run = async (settle: (() => Promise<void>) | undefined, ...args: A) => {
    if (!(await action.run(...args))) return false;
    setWaiting(true);
    try {
      await settle?.();
    } finally {
      setWaiting(false);
    }
    return true;
  };
  return { ...action, run, busy: action.pending || waiting };
}

function SetStage({ customer, refreshUntil }: { customer: Customer; refreshUntil: RefreshUntil }) {
  const { t, locale } = useI18n();
  const [stage, setStage] = useState(customer.stage && customer.stage !== 'new' ? customer.stage : 'nurturing');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const write = useCustomerWrite(() => post(path('customers', customer.id, 'stage'), { stage, reason }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    const changes = customer.stageHistory.length;
    // The lifecycle applies the change shortly after the 202: read again until the history holds it.
    const settled = await write.run(() => refreshUntil((seen) => seen.stageHistory.length > changes && seen.stage === stage));
    if (settled) {
      setReason('');
      setDone(stage);
    }
  };
  return (
    <form class="action-form" data-action="set-stage" onSubmit={(event) => void submit(event)}>
      <h3>{t('customer.setStage')}</h3>
      <label>
        {t('customer.setStage.stage')}
        <select name="stage" value={stage} onChange={(event) => setStage(valueOf(event))}>
          {STAGES.map((option) => (
            <option key={option} value={option}>
              {stageLabel(locale, option)}
            </option>
          ))}
        </select>
        <FieldError error={write.error} field="stage" />
      </label>
      <ReasonField value={reason} onInput={setReason} error={write.error} />
      <button type="submit" class="primary" disabled={write.busy}>
        {write.busy ? t('customer.working') : t('customer.setStage.submit')}
      </button>
      <ErrorNotice error={write.error} />
      {done && (
        <p class="notice done" role="status">
          {t('customer.setStage.done')} <StageBadge stage={done} />
        </p>
      )}
    </form>
  );
}

function ReasonField({ value, onInput, error, name = 'reason' }: { value: string; onInput(value: string): void; error: Error | undefined; name?: string }) {
  const { t } = useI18n();
  return (
    <label>
      {t('common.reason')}
      <input name={name} value={value} required maxLength={500} placeholder={t('customer.reasonHint')} onInput={(event) => onInput(valueOf(event))} />
      <FieldError error={error} field="reason" />
    </label>
  );
}

function Enroll({ customer, refreshUntil }: { customer: Customer; refreshUntil: RefreshUntil }) {
  const { t } = useI18n();
  const catalogue = useApi<{ journeys: JourneySummary[] }>('/v1/journeys');
  const [journeyId, setJourneyId] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const chosen = journeyId || catalogue.data?.journeys[0]?.id || '';
  const write = useCustomerWrite(() => post(path('journeys', chosen, 'enrollments'), { customerId: customer.id, reason }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    const runs = customer.runs.filter((run) => run.journeyId === chosen).length;
    if (await write.run(() => refreshUntil((seen) => seen.runs.filter((run) => run.journeyId === chosen).length > runs))) {
      setDone(chosen);
      setReason('');
    }
  };
  return (
    <form class="action-form" data-action="enroll" onSubmit={(event) => void submit(event)}>
      <h3>{t('customer.enroll')}</h3>
      <label>
        {t('customer.enroll.journey')}
        <select name="journey" value={chosen} onChange={(event) => setJourneyId(valueOf(event))}>
          {catalogue.data?.journeys.map((journey) => (
            <option key={journey.id} value={journey.id}>
              {journey.name} ({journey.id} v{journey.version})
            </option>
          ))}
        </select>
      </label>
      <ReasonField value={reason} onInput={setReason} error={write.error} />
      <p class="hint">{t('customer.enroll.hint')}</p>
      <button type="submit" class="primary" disabled={write.busy || !chosen}>
        {write.busy ? t('customer.working') : t('customer.enroll.submit')}
      </button>
      <ErrorNotice error={catalogue.error ?? write.error} />
      {done && (
        <p class="notice done" role="status">
          {t('customer.enroll.done', { journey: done })}
        </p>
      )}
    </form>
  );
}

function Merge({ customer, refreshUntil }: { customer: Customer; refreshUntil: RefreshUntil }) {
  const { t } = useI18n();
  const [otherId, setOtherId] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const write = useCustomerWrite(() => post(path('customers', customer.id, 'merge'), { otherId: otherId.trim(), reason }));
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    if (await write.run(() => refreshUntil(() => true))) {
      setDone(otherId.trim());
      setOtherId('');
      setReason('');
    }
  };
  return (
    <form class="action-form" data-action="merge" onSubmit={(event) => void submit(event)}>
      <h3>{t('customer.merge')}</h3>
      <label>
        {t('customer.merge.other')}
        <input name="otherId" value={otherId} required placeholder="c-…" onInput={(event) => setOtherId(valueOf(event))} />
        <FieldError error={write.error} field="otherId" />
      </label>
      <ReasonField value={reason} onInput={setReason} error={write.error} />
      <p class="hint">{t('customer.merge.hint', { id: customer.id })}</p>
      <button type="submit" class="danger" disabled={write.busy}>
        {write.busy ? t('customer.working') : t('customer.merge.submit')}
      </button>
      <ErrorNotice error={write.error} />
      {done && (
        <p class="notice done" role="status">
          {t('customer.merge.done', { id: done })}
        </p>
      )}
    </form>
  );
}

/** Every run of the customer, newest first, with a way to end the running ones. */
function Runs({ customer, refreshUntil }: { customer: Customer; refreshUntil: RefreshUntil }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h3>{t('customer.runs')}</h3>
      {customer.runs.length === 0 ? (
        <p class="muted">{t('customer.runs.none')}</p>
      ) : (
        <table class="compact runs">
          <TableHead labels={[t('customer.run.journey'), t('customer.run.status'), t('customer.run.outcome'), t('customer.run.started'), t('customer.run.finished'), '']} />
          <tbody>
            {customer.runs.map((run) => (
              <tr key={run.runId} data-run={run.runId} data-journey={run.journeyId} data-status={run.status}>
                <td>
                  <a href={`#/journeys/${encodeURIComponent(run.journeyId)}`}>{run.journeyId}</a>
                  {run.journeyVersion && <span class="muted"> v{run.journeyVersion}</span>}
                </td>
                <td>
                  <RunStatus status={run.status} />
                </td>
                <td>
                  {run.outcome ?? '—'}
                  {run.reason && <div class="muted">{run.reason}</div>}
                </td>
                <td>{formatDateTime(locale, run.startedAt)}</td>
                <td>{formatDateTime(locale, run.finishedAt)}</td>
                <td>{run.status === 'running' && <EndRun customerId={customer.id} run={run} refreshUntil={refreshUntil} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export function RunStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <span class={`badge run-${status}`}>{t(status === 'running' ? 'customer.run.running' : 'customer.run.ended')}</span>;
}

/** "End run": a button that opens a small form asking why; the run ends through itself, so read again until it has. */
export function EndRun({ customerId, run, refreshUntil }: { customerId: string; run: Pick<RunSummary, 'journeyId' | 'runId'>; refreshUntil: RefreshUntil }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const write = useCustomerWrite(() => post(path('journeys', run.journeyId, 'runs', customerId, 'end'), { reason }));
  const submit = async (event: Event) => {
    event.preventDefault();
    const ended = (seen: Customer) => !seen.runs.some((other) => other.journeyId === run.journeyId && other.status === 'running');
    if (await write.run(() => refreshUntil(ended))) setOpen(false);
  };
  if (!open)
    return (
      <button type="button" class="danger" data-action="end-run" onClick={() => setOpen(true)}>
        {t('customer.endRun')}
      </button>
    );
  return (
    <form class="inline-form" data-action="end-run-form" onSubmit={(event) => void submit(event)}>
      <ReasonField value={reason} onInput={setReason} error={write.error} />
      <button type="submit" class="danger" disabled={write.busy}>
        {write.busy ? t('customer.working') : t('customer.endRun.submit')}
      </button>
      <button type="button" onClick={() => (write.clear(), setOpen(false))}>
        {t('common.cancel')}
      </button>
      <ErrorNotice error={write.error} />
    </form>
  );
}

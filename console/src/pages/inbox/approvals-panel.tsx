import { useState } from 'preact/hooks';
import { post, withQuery } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { StageBadge } from '../../components/stage-badge.js';
import { formatDateTime } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useApi } from '../../use-api.js';
import type { ActionDone } from './action-log.js';
import { CardList, CustomerAndJourney, Fact, FocusedItem } from './card-parts.js';
import type { Approval } from './types.js';
import { useWrite } from './use-write.js';

type StatusFilter = 'pending' | 'approved' | 'rejected' | 'all';

/** Decisions waiting for a person (pending first, oldest first), or those decided, with who decided. */
export function ApprovalsPanel({ focus, done }: { focus: string | null; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<StatusFilter>('pending');
  const list = useApi<{ approvals: Approval[] }>(withQuery('/v1/approvals', { status }));
  const focused = useApi<Approval>(focus ? `/v1/approvals/${encodeURIComponent(focus)}` : null);
  const changed = () => {
    list.reload();
    if (focus) focused.reload();
  };
  const approvals = (list.data?.approvals ?? []).filter((approval) => approval.id !== focus);
  return (
    <section class="approvals-panel" aria-label={t('inbox.tab.approvals')}>
      {focus && <FocusedItem loaded={focused}>{(approval) => <ApprovalCard approval={approval} focused changed={changed} done={done} />}</FocusedItem>}
      <form class="toolbar" aria-label={t('inbox.filters')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('inbox.filter.status')}
          <select name="approval-status" value={status} onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}>
            {(['pending', 'approved', 'rejected', 'all'] as const).map((value) => (
              <option key={value} value={value}>
                {t(`inbox.approvalStatus.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {list.data && <p class="muted summary">{t('inbox.approvalSummary', { count: list.data.approvals.length })}</p>}
      </form>
      <CardList error={list.error} loading={list.loading} count={list.data?.approvals.length} empty={t('inbox.noApprovals')}>
        {approvals.map((approval) => (
          <ApprovalCard key={approval.id} approval={approval} changed={changed} done={done} />
        ))}
      </CardList>
    </section>
  );
}

function ApprovalCard({ approval, focused, changed, done }: { approval: Approval; focused?: boolean; changed(): void; done(action: Omit<ActionDone, 'id'>): void }) {
  const { t, locale } = useI18n();
  const [confirmReject, setConfirmReject] = useState(false);
  const decide = useWrite((decision: 'approved' | 'rejected') => post(`/v1/approvals/${encodeURIComponent(approval.id)}`, { decision }), changed);
  const step = approval.kind === 'journey-step' ? approval.approvalKey.split(':').at(-1) : undefined;
  const change = approval.stageChange;
  const send = async (decision: 'approved' | 'rejected') => {
    if (!(await decide.run(decision))) return;
    setConfirmReject(false);
    done({
      message: { key: `inbox.done.${decision}`, vars: { customer: approval.customerId, reason: approval.reason } },
      ...(approval.journeyId ? { run: { journeyId: approval.journeyId, customerId: approval.customerId, step } } : {}),
      ...(decision === 'approved' && change?.to ? { stage: { customerId: approval.customerId, to: change.to } } : {}),
    });
  };
  return (
    <article class={`card task-card approval-card${focused ? ' focused' : ''}`} data-approval-id={approval.id} data-status={approval.status} aria-label={approval.reason}>
      <header class="task-head">
        <span class={`badge approval-${approval.status}`}>{t(`inbox.approvalStatus.${approval.status}`)}</span>
        <strong class="task-title">{approval.reason}</strong>
        <span class="muted">{t('inbox.approval.asked', { at: formatDateTime(locale, approval.createdAt) })}</span>
      </header>
      <dl class="task-facts">
        {approval.kind === 'journey-step' ? (
          <CustomerAndJourney customerId={approval.customerId} journeyId={approval.journeyId} step={step} />
        ) : (
          <>
            <CustomerAndJourney customerId={approval.customerId} />
            <Fact label={t('inbox.approval.stageChange')}>
              <span class="stage-change">
                <StageBadge stage={change?.from} /> → <StageBadge stage={change?.to} />
                {change?.source && <span class="muted"> {t('inbox.approval.source', { source: change.source })}</span>}
              </span>
            </Fact>
          </>
        )}
        {approval.status !== 'pending' && (
          <Fact label={t('inbox.approval.decided')}>
            <span data-decided-by={approval.decidedBy?.name ?? ''}>{t('inbox.approval.decidedBy', { name: approval.decidedBy?.name ?? '—', at: formatDateTime(locale, approval.decidedAt) })}</span>
          </Fact>
        )}
      </dl>
      {approval.status === 'pending' && (
        <div class="task-actions">
          <button type="button" class="primary" disabled={decide.pending} onClick={() => void send('approved')}>
            {t('inbox.action.approve')}
          </button>
          {confirmReject ? (
            <span class="confirm">
              <span>{approval.kind === 'journey-step' ? t('inbox.reject.confirmStep') : t('inbox.reject.confirmStage')}</span>
              <button type="button" class="danger" disabled={decide.pending} onClick={() => void send('rejected')}>
                {t('inbox.reject.confirm')}
              </button>
              <button type="button" class="link" onClick={() => setConfirmReject(false)}>
                {t('common.cancel')}
              </button>
            </span>
          ) : (
            <button type="button" class="danger" onClick={() => setConfirmReject(true)}>
              {t('inbox.action.reject')}
            </button>
          )}
        </div>
      )}
      <ErrorNotice error={decide.error} />
    </article>
  );
}

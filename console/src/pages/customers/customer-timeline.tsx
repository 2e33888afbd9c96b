import { useEffect, useState } from 'preact/hooks';
import { get, withQuery } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { StageBadge } from '../../components/stage-badge.js';
import { formatDateTime, formatRelative } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { StageSource } from './customer-bits.js';
import { EndRun, type RefreshUntil, RunStatus } from './customer-actions.js';
import { type Timeline, TIMELINE_KINDS, type TimelineItem, type TimelineKind } from './types.js';

const PAGE = 100;

/** A stable id for each item, for `data-id`: the record's own where it has one. */
function itemId(item: TimelineItem): string {
  switch (item.kind) {
    case 'event':
      return item.eventId;
    case 'run':
      return item.runId;
    case 'stage':
      return `${item.to}@${item.at}`;
    default:
      return item.id;
  }
}

/** The customer's one timeline, newest first, with chips to show only some kinds and "older" to read further back. */
export function CustomerTimeline({ customerId, round, refreshUntil }: { customerId: string; round: number; refreshUntil: RefreshUntil }) {
  const { t, locale } = useI18n();
  const [timeline, setTimeline] = useState<{ items: TimelineItem[]; next: string | null }>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(false);
  const [hidden, setHidden] = useState<Set<TimelineKind>>(new Set());

  const load = (before?: string) => {
    setLoading(true);
    get<Timeline>(withQuery(`/v1/customers/${encodeURIComponent(customerId)}/timeline`, { limit: PAGE, before })).then(
      (page) => {
        setTimeline((earlier) => ({ items: before && earlier ? [...earlier.items, ...page.items] : page.items, next: page.next }));
        setError(undefined);
        setLoading(false);
      },
      (caught: Error) => {
        setError(caught);
        setLoading(false);
      },
    );
  };
  useEffect(() => load(), [customerId, round]);

  const toggle = (kind: TimelineKind) => {
    const next = new Set(hidden);
    if (next.has(kind)) next.delete(kind);
    else next.add(kind);
    setHidden(next);
  };
  const items = timeline?.items ?? [];
  const shown = items.filter((item) => !hidden.has(item.kind));

  return (
    <section class="card customer-timeline" aria-labelledby="customer-timeline">
      <h2 id="customer-timeline">{t('customer.timeline')}</h2>
      <div class="chips" role="group" aria-label={t('customer.timeline.filter')}>
        {TIMELINE_KINDS.map((kind) => (
          <button key={kind} type="button" class="chip" data-kind-filter={kind} aria-pressed={!hidden.has(kind)} onClick={() => toggle(kind)}>
            {t(`customer.kind.${kind}`)} <span class="muted">{items.filter((item) => item.kind === kind).length}</span>
          </button>
        ))}
      </div>
      <ErrorNotice error={error} />
      {timeline && shown.length === 0 && <p class="muted">{t('customer.timeline.empty')}</p>}
      <ol class="timeline">
        {shown.map((item) => (
          <li key={`${item.kind}:${itemId(item)}`} class={`item item-${item.kind}`} data-kind={item.kind} data-id={itemId(item)}>
            <div class="item-head">
              <span class={`badge kind kind-${item.kind}`}>{t(`customer.kind.${item.kind}`)}</span>
              <time dateTime={item.at} class="muted">
                {formatDateTime(locale, item.at)}
              </time>
            </div>
            <TimelineEntry item={item} customerId={customerId} refreshUntil={refreshUntil} />
          </li>
        ))}
      </ol>
      {loading ? <Loading /> : timeline?.next && (
        <button type="button" class="more" onClick={() => load(timeline.next!)}>
          {t('customer.timeline.older')}
        </button>
      )}
    </section>
  );
}

function TimelineEntry({ item, customerId, refreshUntil }: { item: TimelineItem; customerId: string; refreshUntil: RefreshUntil }) {
  const { t, locale } = useI18n();
  switch (item.kind) {
    case 'event':
      return (
        <div>
          <strong class="mono">{item.type}</strong> {item.parked && <span class="badge warn">{t('customer.event.parked')}</span>}
          {!item.applied && !item.parked && <span class="badge">{t('customer.event.pending')}</span>}
          <Properties properties={item.properties} />
        </div>
      );
    case 'message':
      return (
        <div>
          <span class="badge">{t(`customer.channel.${item.channel}`)}</span> <strong>{item.subject ?? item.template}</strong>
          {item.subject && <span class="muted"> · {item.template}</span>}
          <div>
            <span class={`badge ledger ledger-${item.status}`} data-status={item.status}>
              {t(`customer.ledger.${item.status}`)}
            </span>
            {item.reason && <span class="reason"> {item.reason}</span>}
            {item.journeyId && <span class="muted"> · {item.journeyId}</span>}
          </div>
        </div>
      );
    case 'task': {
      const overdue = item.status === 'open' && new Date(item.dueAt).getTime() < Date.now();
      return (
        <div>
          <strong>{item.title}</strong> <span class={`badge task-${item.status}`}>{t(`customer.task.status.${item.status}`)}</span>
          <div class="muted">
            {t('customer.task.queue', { queue: item.queue })} · {item.assignee ? t('customer.task.assignee', { name: item.assignee }) : t('customer.task.unassigned')}
          </div>
          {item.status === 'open' ? (
            <div>
              <span class={overdue ? 'overdue' : 'muted'}>{t(overdue ? 'customer.task.overdue' : 'customer.task.due', { when: formatRelative(locale, item.dueAt) })}</span>{' '}
              <a href={`#/inbox?task=${encodeURIComponent(item.id)}`} data-link="inbox">
                {t('customer.task.open')}
              </a>
            </div>
          ) : (
            <div>
              {t('customer.task.outcome', { outcome: item.outcome ?? '—' })}
              {item.completedBy && <span class="muted"> · {t('customer.by', { name: item.completedBy.name })}</span>}
              {item.completedAt && <span class="muted"> · {formatDateTime(locale, item.completedAt)}</span>}
            </div>
          )}
        </div>
      );
    }
    case 'approval':
      return (
        <div>
          <strong>{t(`customer.approval.${item.approvalKind === 'stage-change' ? 'stageChange' : 'journeyStep'}`)}</strong> <span class={`badge approval-${item.status}`}>{t(`customer.approval.${item.status}`)}</span>
          <div>{item.reason}</div>
          {item.status === 'pending' ? (
            <a href={`#/inbox?approval=${encodeURIComponent(item.id)}`} data-link="inbox">
              {t('customer.approval.open')}
            </a>
          ) : (
            item.decidedBy && <div class="muted">{t('customer.by', { name: item.decidedBy.name })}</div>
          )}
        </div>
      );
    case 'run':
      return (
        <div>
          <strong>
            <a href={`#/journeys/${encodeURIComponent(item.journeyId)}`}>{item.journeyId}</a>
          </strong>
          <span class="muted"> v{item.version}</span> <RunStatus status={item.status} />
          {item.outcome && (
            <div>
              {t('customer.run.outcomeIs', { outcome: item.outcome })}
              {item.reason && <span class="reason"> · {item.reason}</span>}
            </div>
          )}
          {Object.keys(item.arms).length > 0 && (
            <div class="muted" data-field="arms">
              {t('customer.run.arms')}{' '}
              {Object.entries(item.arms).map(([experiment, arm]) => (
                <span key={experiment} class="badge">
                  {experiment}: {String(arm)}
                </span>
              ))}
            </div>
          )}
          <div class="run-links">
            <a href={item.temporalUrl} target="_blank" rel="noopener noreferrer" data-link="temporal">
              {t('customer.run.temporal')}
            </a>
            {item.status === 'running' && <EndRun customerId={customerId} run={item} refreshUntil={refreshUntil} />}
          </div>
        </div>
      );
    case 'stage':
      return (
        <div>
          <StageBadge stage={item.from} /> → <StageBadge stage={item.to} />
          <div>
            <span class="reason">{item.reason}</span>{' '}
            <span class="muted">
              · <StageSource source={item.source} />
            </span>
          </div>
        </div>
      );
  }
}

/** An event's properties as `key: value` pairs, short. */
function Properties({ properties }: { properties: Record<string, unknown> }) {
  const entries = Object.entries(properties);
  if (entries.length === 0) return null;
  return (
    <div class="properties muted">
      {entries.slice(0, 8).map(([key, value]) => (
        <span key={key}>
          {key}: <span class="mono">{typeof value === 'string' ? value : JSON.stringify(value)}</span>
        </span>
      ))}
    </div>
  );
}

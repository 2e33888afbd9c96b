import { useCallback, useEffect, useState } from 'preact/hooks';
import { get } from '../../api.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { StageBadge } from '../../components/stage-badge.js';
import { formatDateTime, formatNumber } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { CustomerActions } from './customer-actions.js';
import { HealthScore, StageSource, TableHead, Tags } from './customer-bits.js';
import { CustomerTimeline } from './customer-timeline.js';
import type { Customer, StageChange } from './types.js';
import './customers.css';

/** The customer, loaded again on `refresh()`, which answers what it read (to poll until a change shows). */
function useCustomer(id: string) {
  const [state, setState] = useState<{ customer?: Customer; error?: Error }>({});
  const refresh = useCallback(async () => {
    try {
      const customer = await get<Customer>(`/v1/customers/${encodeURIComponent(id)}`);
      setState({ customer });
      return customer;
    } catch (error) {
      setState((before) => ({ ...before, error: error as Error }));
      return undefined;
    }
  }, [id]);
  useEffect(() => {
    setState({});
    void refresh();
  }, [refresh]);
  return { ...state, refresh };
}

/** Identity kinds with a name in the messages (domain/identities.ts IDENTITY_KINDS, not imported: it brings libphonenumber). */
const NAMED_IDENTITIES = ['email', 'phone', 'wechat', 'external'];

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `#/customers/<id>`: the profile, health, stage and its history, the actions, and one timeline. */
export function CustomerPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { customer, error, refresh } = useCustomer(id);
  const [timelineRound, setTimelineRound] = useState(0);

  /**
   * After a write: the customer's lifecycle applies a stage change (and a journey records its run) a
   * moment after the API's 202, so read again a few times over a few seconds until `settled` holds.
   */
  const refreshUntil = useCallback(
    async (settled: (customer: Customer) => boolean) => {
      for (let attempt = 0; attempt < 12; attempt++) {
        const seen = await refresh();
        if (seen && settled(seen)) break;
        await pause(attempt < 4 ? 500 : 1000);
      }
      setTimelineRound((n) => n + 1);
    },
    [refresh],
  );

  if (!customer) return error ? <ErrorNotice error={error} /> : <Loading />;
  return (
    <section class="page customer-page" data-customer={customer.id}>
      <p class="muted">
        <a href="#/customers">{t('customers.title')}</a> /
      </p>
      <header class="customer-head">
        <h1>{customer.name || t('customer.title', { id: customer.id })}</h1>
        <span data-field="stage">
          <StageBadge stage={customer.stage} />
        </span>
        {typeof customer.health?.score === 'number' && (
          <span class="muted">
            {t('customer.health')} <HealthScore score={customer.health.score} />
          </span>
        )}
      </header>
      {customer.mergedInto && (
        <p class="notice">
          {t('customer.mergedInto')} <a href={href('customers', customer.mergedInto)}>{customer.mergedInto}</a>
        </p>
      )}
      <ErrorNotice error={error} />
      <div class="grid customer-cards">
        <Profile customer={customer} />
        <Consent customer={customer} />
        <Health customer={customer} />
      </div>
      <CustomerActions customer={customer} refreshUntil={refreshUntil} />
      <StageHistory history={customer.stageHistory} />
      <CustomerTimeline customerId={customer.id} round={timelineRound} refreshUntil={refreshUntil} />
    </section>
  );
}

function Profile({ customer }: { customer: Customer }) {
  const { t } = useI18n();
  const rows: [string, string, string | null | undefined][] = [
    ['id', t('customer.profile.id'), customer.id],
    ['name', t('customer.profile.name'), customer.name],
    ['email', t('customer.profile.email'), customer.email],
    ['phone', t('customer.profile.phone'), customer.phone],
    ['locale', t('customer.profile.locale'), customer.locale],
    ['timezone', t('customer.profile.timezone'), customer.timezone],
  ];
  return (
    <div class="card" aria-labelledby="customer-profile">
      <h2 id="customer-profile">{t('customer.profile')}</h2>
      <dl class="facts">
        {rows.map(([field, label, value]) => (
          <div key={field}>
            <dt>{label}</dt>
            <dd data-field={field}>{value || '—'}</dd>
          </div>
        ))}
        <div>
          <dt>{t('customer.tags')}</dt>
          <dd data-field="tags">
            <Tags tags={customer.tags} />
          </dd>
        </div>
      </dl>
      <h3>{t('customer.identities')}</h3>
      {customer.identities.length === 0 ? (
        <p class="muted">{t('common.none')}</p>
      ) : (
        <ul class="identities">
          {customer.identities.map((identity) => (
            <li key={`${identity.kind}:${identity.value}`} data-identity={identity.kind}>
              <span class="badge">{NAMED_IDENTITIES.includes(identity.kind) ? t(`customer.identity.${identity.kind}`) : identity.kind}</span> {identity.value}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Consent({ customer }: { customer: Customer }) {
  const { t, locale } = useI18n();
  return (
    <div class="card">
      <h2>{t('customer.consent')}</h2>
      <table class="compact">
        <TableHead labels={[t('customer.consent.channel'), t('customer.consent.status'), t('customer.consent.since'), t('customer.consent.source')]} />
        <tbody>
          {(['email', 'sms', 'wecom'] as const).map((channel) => {
            const record = customer.consent[channel];
            return (
              <tr key={channel} data-consent={channel} data-status={record?.status ?? 'none'}>
                <td>{t(`customer.channel.${channel}`)}</td>
                <td>
                  <span class={`badge consent-${record?.status ?? 'none'}`}>{t(`customer.consent.${record?.status ?? 'none'}`)}</span>
                </td>
                <td>{record?.at ? formatDateTime(locale, record.at) : '—'}</td>
                <td>{record?.source ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The score and what each component added: a component is −1…1 (or 0…1), drawn as a bar from the middle. */
function Health({ customer }: { customer: Customer }) {
  const { t, locale } = useI18n();
  const health = customer.health;
  const components = Object.entries(health?.components ?? {});
  return (
    <div class="card health-card">
      <h2>{t('customer.health')}</h2>
      {typeof health?.score !== 'number' ? (
        <p class="muted">{t('customer.health.none')}</p>
      ) : (
        <>
          <div class="figure" data-field="health-score">
            <HealthScore score={health.score} />
            <span class="muted"> / 100</span>
          </div>
          <div class="figure-label">{t('customer.health.updated', { when: formatDateTime(locale, health.updatedAt) })}</div>
          <table class="compact health-components" aria-label={t('customer.health.components')}>
            <tbody>
              {components.map(([name, value]) => (
                <tr key={name} data-component={name}>
                  <td>{t(`customer.health.${name}`)}</td>
                  <td class="bar-cell">
                    <span class="bar-track">
                      <span class={`bar ${value < 0 ? 'bar-negative' : 'bar-positive'}`} style={{ width: `${Math.min(1, Math.abs(value)) * 50}%`, [value < 0 ? 'right' : 'left']: '50%' }} />
                    </span>
                  </td>
                  <td class="number">{formatNumber(locale, value, { maximumFractionDigits: 2, signDisplay: 'exceptZero' })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function StageHistory({ history }: { history: StageChange[] }) {
  const { t, locale } = useI18n();
  const newestFirst = [...history].reverse();
  return (
    <div class="card stage-history">
      <h2>{t('customer.stageHistory')}</h2>
      {newestFirst.length === 0 ? (
        <p class="muted">{t('customer.stageHistory.none')}</p>
      ) : (
        <table class="compact">
          <TableHead labels={[t('customer.stageHistory.change'), t('common.reason'), t('customer.stageHistory.by'), t('customer.stageHistory.when')]} />
          <tbody>
            {newestFirst.map((change) => (
              <tr key={change.at} data-stage-change={change.to}>
                <td>
                  <StageBadge stage={change.from} /> → <StageBadge stage={change.to} />
                </td>
                <td data-field="reason">{change.reason}</td>
                <td>
                  <StageSource source={change.source} />
                </td>
                <td>{formatDateTime(locale, change.at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

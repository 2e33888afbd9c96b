import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatNumber } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { useApi } from '../../use-api.js';
import { goalText, reentryText, triggerText } from './journey-text.js';
import type { JourneyReport, JourneySummary } from './types.js';
import './journeys.css';

/** `#/journeys`: the catalogue, each journey with its version, what starts it, its goal and how its runs are doing. */
export function JourneyListPage() {
  const { t } = useI18n();
  const list = useApi<{ journeys: JourneySummary[] }>('/v1/journeys');
  return (
    <section class="page journeys-page">
      <h1>{t('journeys.title')}</h1>
      <p class="muted">{t('journeys.intro')}</p>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <table data-journeys>
          <thead>
            <tr>
              <th>{t('journeys.col.journey')}</th>
              <th>{t('journeys.col.version')}</th>
              <th>{t('journeys.col.trigger')}</th>
              <th>{t('journeys.col.goal')}</th>
              <th class="number">{t('journeys.col.steps')}</th>
              <th class="number">{t('journeys.col.running')}</th>
              <th class="number">{t('journeys.col.entered')}</th>
              <th class="number">{t('journeys.col.goalReached')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.journeys.map((journey) => (
              <JourneyRow key={journey.id} journey={journey} />
            ))}
          </tbody>
        </table>
      )}
      {list.data?.journeys.length === 0 && <p class="muted">{t('journeys.none')}</p>}
    </section>
  );
}

function JourneyRow({ journey }: { journey: JourneySummary }) {
  const { t, locale } = useI18n();
  const report = useApi<JourneyReport>(`/v1/reports/journeys/${encodeURIComponent(journey.id)}`);
  // "…" while the report loads, "—" when it could not be read.
  const figure = (value: number | undefined) => (report.error ? '—' : report.data ? formatNumber(locale, value) : '…');
  return (
    <tr data-journey={journey.id}>
      <td>
        <a href={href('journeys', journey.id)}>{journey.name}</a>
        <div class="muted">{journey.id}</div>
      </td>
      <td>
        <code class="version">{journey.version}</code>
      </td>
      <td>
        {triggerText(t, locale, journey.entry)}
        <div class="muted">{reentryText(t, locale, journey.reentry)}</div>
      </td>
      <td>{goalText(t, locale, journey.goal)}</td>
      <td class="number">{formatNumber(locale, journey.steps)}</td>
      <td class="number" data-col="running">
        {figure(report.data?.inProgress)}
      </td>
      <td class="number" data-col="entered">
        {figure(report.data?.entered)}
      </td>
      <td class="number" data-col="goalReached">
        {figure(report.data?.goalReached)}
      </td>
    </tr>
  );
}

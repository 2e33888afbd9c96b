import { MermaidDiagram } from '../../components/diagram.js';
import { ErrorNotice } from '../../components/error-notice.js';
import { Loading } from '../../components/loading.js';
import { formatNumber, formatShare } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import { useApi } from '../../use-api.js';
import { JourneyPreviews } from './journey-previews.js';
import { JourneyMessages, JourneyOutcomes, JourneyArms, JourneySteps } from './journey-sections.js';
import { goalText, reentryText, triggerText } from './journey-text.js';
import type { JourneyDetail, JourneyReport } from './types.js';
import './journeys.css';

/** `#/journeys/<id>`: the definition, the diagram with the runs that passed each step, outcomes and A/B arms. */
export function JourneyPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const path = encodeURIComponent(id);
  const journey = useApi<JourneyDetail>(`/v1/journeys/${path}`);
  const report = useApi<JourneyReport>(`/v1/reports/journeys/${path}`);
  const detail = journey.data;
  const runs = report.data;
  return (
    <section class="page journeys-page" data-journey={id}>
      <a class="back" href="#/journeys">
        {t('journey.back')}
      </a>
      <h1>{detail?.name ?? t('journey.title', { id })}</h1>
      <ErrorNotice error={journey.error} />
      {journey.loading && !detail && <Loading />}
      {detail && (
        <div class="card">
          <dl class="journey-facts" data-facts>
            <dt>{t('journey.id')}</dt>
            <dd>{detail.id}</dd>
            <dt>{t('journey.version')}</dt>
            <dd>
              <code class="version" data-version>
                {detail.version}
              </code>
            </dd>
            <dt>{t('journey.trigger')}</dt>
            <dd>{triggerText(t, locale, detail.entry)}</dd>
            <dt>{t('journey.reentry')}</dt>
            <dd>{reentryText(t, locale, detail.reentry)}</dd>
            <dt>{t('journey.goal')}</dt>
            <dd>{goalText(t, locale, detail.goal)}</dd>
            <dt>{t('journey.exit')}</dt>
            <dd>{detail.exit ? detail.exit.events.join(', ') : t('journey.exit.none')}</dd>
            <dt>{t('journey.stepCount')}</dt>
            <dd>{formatNumber(locale, detail.steps)}</dd>
          </dl>
        </div>
      )}

      <h2>{t('journey.runs')}</h2>
      <ErrorNotice error={report.error} />
      {report.loading && !runs && <Loading />}
      {runs && (
        <div class="grid" data-runs>
          {(['entered', 'inProgress', 'completed', 'goalReached'] as const).map((figure) => (
            <div class="card" key={figure} data-figure={figure}>
              <div class="figure">{formatNumber(locale, runs[figure])}</div>
              <div class="figure-label">{t(`journey.runs.${figure}`)}</div>
              {figure === 'goalReached' && runs.entered > 0 && <div class="muted">{t('journey.runs.goalShare', { share: formatShare(locale, runs.goalReached / runs.entered) })}</div>}
            </div>
          ))}
        </div>
      )}

      <h2>{t('journey.diagram')}</h2>
      {runs && (
        <>
          <p class="muted">{t('journey.diagram.legend')}</p>
          <MermaidDiagram source={runs.mermaid} label={t('journey.diagram.label', { name: detail?.name ?? id })} />
        </>
      )}

      {runs && <JourneyOutcomes report={runs} />}
      {runs && <JourneyArms report={runs} definition={detail?.definition} />}
      {runs && <JourneySteps report={runs} />}
      {detail && <JourneyMessages journey={detail} />}
      <JourneyPreviews journeyId={id} />
    </section>
  );
}

import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { STAGES } from '../../../../domain/stage-names.js';
import { ChartView } from '../../components/chart.js';
import { StageBadge, stageLabel } from '../../components/stage-badge.js';
import { useI18n } from '../../i18n/index.js';
import { formatUtcDay } from './period.js';
import { Figure, figureName, FigureText } from './section.js';
import type { StagesReport } from './types.js';

/** One colour per stage, in the stage badges' hues, strong enough for a chart. */
export const STAGE_COLOURS: Record<(typeof STAGES)[number], string> = {
  new: '#0284c7',
  nurturing: '#4f46e5',
  active: '#16a34a',
  silent: '#d97706',
  returning: '#0d9488',
  high_value: '#c026d3',
  cold: '#6b7280',
};

const ROUTE = 'stages';

/** Customers per stage now: the figures and a doughnut. */
export function StagesNow({ report }: { report: StagesReport }) {
  const { t, locale } = useI18n();
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'doughnut',
      data: {
        labels: STAGES.map((stage) => stageLabel(locale, stage)),
        datasets: [{ data: STAGES.map((stage) => report.now.byStage[stage]), backgroundColor: STAGES.map((stage) => STAGE_COLOURS[stage]) }],
      },
      options: { plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } } },
    }),
    [report, locale],
  );
  return (
    <>
      <dl class="figures">
        <Figure name={figureName(ROUTE, 'now', 'customers')} label={t('overview.stages.customers')} value={report.now.customers} />
        <Figure name={figureName(ROUTE, 'now', 'withStage')} label={t('overview.stages.withStage')} value={report.now.withStage} />
      </dl>
      <div class="overview-split">
        <dl class="figures stage-figures">
          {STAGES.map((stage) => (
            <div class="figure-box" key={stage}>
              <dt class="figure-label">
                <StageBadge stage={stage} />
              </dt>
              <dd>
                <FigureText class="figure" name={figureName(ROUTE, 'now', 'byStage', stage)} value={report.now.byStage[stage]} />
              </dd>
            </div>
          ))}
        </dl>
        <ChartView config={config} label={t('overview.stages.nowChart')} height={260} />
      </div>
    </>
  );
}

/** Customers per stage at the end of each day of the period: a stacked bar chart, and the same numbers in a table. */
export function StagesPerDay({ report }: { report: StagesReport }) {
  const { t, locale } = useI18n();
  const first = report.days[0]?.day;
  const last = report.days.at(-1)?.day;
  const range = first && last ? t('overview.period.range', { from: formatUtcDay(locale, first), to: formatUtcDay(locale, last) }) : '';
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: report.days.map(({ day }) => formatUtcDay(locale, day)),
        datasets: STAGES.map((stage) => ({ label: stageLabel(locale, stage), data: report.days.map(({ byStage }) => byStage[stage]), backgroundColor: STAGE_COLOURS[stage] })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } },
    }),
    [report, locale],
  );
  return (
    <div data-days={report.days.length} data-first-day={first} data-last-day={last}>
      <p class="muted">{t('overview.perDay.explain', { days: report.days.length, range })}</p>
      <ChartView config={config} label={`${t('overview.perDay.chart')} ${range}`} height={300} />
      <details class="overview-table-details">
        <summary>{t('overview.perDay.table')}</summary>
        <div class="overview-scroll">
          <table class="per-day">
            <thead>
              <tr>
                <th scope="col">{t('overview.perDay.day')}</th>
                {STAGES.map((stage) => (
                  <th scope="col" key={stage}>
                    {stageLabel(locale, stage)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.days.map(({ day, byStage }) => (
                <tr key={day} data-day={day}>
                  <th scope="row">{formatUtcDay(locale, day)}</th>
                  {STAGES.map((stage) => (
                    <td key={stage}>
                      <FigureText name={figureName(ROUTE, 'days', { day }, 'byStage', stage)} value={byStage[stage]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** The moves between stages in the period, and the share of silent customers now. */
export function StageMoves({ report }: { report: StagesReport }) {
  const { t } = useI18n();
  return (
    <>
      <dl class="figures">
        <Figure name={figureName(ROUTE, 'now', 'silentShare')} kind="share" label={t('overview.moves.silentShare')} value={report.now.silentShare} />
        <Figure name={figureName(ROUTE, 'now', 'byStage', 'silent')} label={t('overview.moves.silent')} value={report.now.byStage.silent} />
      </dl>
      <h3>{t('overview.moves.title')}</h3>
      {report.moves.length === 0 ? (
        <p class="muted">{t('overview.moves.none')}</p>
      ) : (
        <table class="moves">
          <thead>
            <tr>
              <th scope="col">{t('overview.moves.from')}</th>
              <th scope="col">{t('overview.moves.to')}</th>
              <th scope="col" class="number">
                {t('overview.moves.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.moves.map((move) => (
              <tr key={`${move.from}>${move.to}`} data-move={`${move.from ?? 'none'}>${move.to}`}>
                <td>{move.from ? <StageBadge stage={move.from} /> : <span class="muted">{t('overview.moves.firstStage')}</span>}</td>
                <td>
                  <StageBadge stage={move.to} />
                </td>
                <td class="number">
                  <FigureText name={figureName(ROUTE, 'moves', { from: move.from, to: move.to }, 'count')} value={move.count} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

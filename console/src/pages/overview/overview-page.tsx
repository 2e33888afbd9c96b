import { useEffect, useState } from 'preact/hooks';
import { withQuery } from '../../api.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation } from '../../router.js';
import { type Loaded, useApi } from '../../use-api.js';
import { AtRisk, HealthDistribution } from './health-sections.js';
import { Welcome, WinBack } from './journey-sections.js';
import { Messages, Tasks } from './operations-sections.js';
import './overview.css';
import { daysIn, formatUtcDay, lastDays, MAX_DAYS, type Period, periodFromQuery, periodPath, PRESET_DAYS, rangeProblem } from './period.js';
import { Section } from './section.js';
import { StageMoves, StagesNow, StagesPerDay } from './stage-sections.js';
import type { HealthReport, MessagesReport, StagesReport, TasksReport, WelcomeReport, WinBackReport } from './types.js';

/** Set once, when the first overview of this page load shows all its figures: navigation start → here is its time to first render. */
export const OVERVIEW_READY_MARK = 'tideway:overview-ready';
let markedReady = false;

/** The route answered (or refused), and for the period shown when it takes one. */
const settled = (loaded: Loaded<unknown>, period?: Period) =>
  !loaded.loading && (loaded.error !== undefined || (loaded.data !== undefined && (!period || (loaded.data as { from?: string }).from === period.from)));

/** The dashboard: each section reads its own report route, all at once; a route that fails shows its error in its own section. */
export function OverviewPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const period = periodFromQuery(query);
  const inPeriod = (path: string) => withQuery(path, { from: period.from, to: period.to });
  const paths = {
    stages: inPeriod('/v1/reports/stages'),
    winBack: '/v1/reports/win-back',
    welcome: '/v1/reports/welcome',
    health: '/v1/reports/health',
    tasks: inPeriod('/v1/reports/tasks'),
    messages: inPeriod('/v1/reports/messages'),
  };
  const stages = useApi<StagesReport>(paths.stages);
  const winBack = useApi<WinBackReport>(paths.winBack);
  const welcome = useApi<WelcomeReport>(paths.welcome);
  const health = useApi<HealthReport>(paths.health);
  const tasks = useApi<TasksReport>(paths.tasks);
  const messages = useApi<MessagesReport>(paths.messages);

  const ready = settled(stages, period) && settled(winBack) && settled(welcome) && settled(health) && settled(tasks, period) && settled(messages, period);
  useEffect(() => {
    if (ready && !markedReady) {
      markedReady = true;
      performance.mark(OVERVIEW_READY_MARK);
    }
  }, [ready]);
  const refresh = () => [stages, winBack, welcome, health, tasks, messages].forEach((loaded) => loaded.reload());

  return (
    <section class="page overview" data-ready={ready ? 'true' : 'false'} data-period={`${period.from}..${period.to}`}>
      <h1>{t('overview.title')}</h1>
      <PeriodPicker period={period} refresh={refresh} />
      <div class="overview-grid">
        <Section id="stages-now" title={t('overview.stages.title')} path={paths.stages} loaded={stages}>
          {(report) => <StagesNow report={report} />}
        </Section>
        <Section id="moves" title={t('overview.moves.section')} path={paths.stages} loaded={stages}>
          {(report) => <StageMoves report={report} />}
        </Section>
        <Section id="stages-per-day" title={t('overview.perDay.title')} path={paths.stages} loaded={stages} wide>
          {(report) => <StagesPerDay report={report} />}
        </Section>
        <Section id="win-back" title={t('overview.winBack.title')} path={paths.winBack} loaded={winBack}>
          {(report) => <WinBack report={report} />}
        </Section>
        <Section id="welcome" title={t('overview.welcome.title')} path={paths.welcome} loaded={welcome}>
          {(report) => <Welcome report={report} />}
        </Section>
        <Section id="health" title={t('overview.health.title')} path={paths.health} loaded={health}>
          {(report) => <HealthDistribution report={report} />}
        </Section>
        <Section id="at-risk" title={t('overview.atRisk.title')} path={paths.health} loaded={health}>
          {(report) => <AtRisk report={report} />}
        </Section>
        <Section id="tasks" title={t('overview.tasks.title')} path={paths.tasks} loaded={tasks} wide>
          {(report) => <Tasks report={report} />}
        </Section>
        <Section id="messages" title={t('overview.messages.title')} path={paths.messages} loaded={messages} wide>
          {(report) => <Messages report={report} />}
        </Section>
      </div>
    </section>
  );
}

/** Last 7 / 30 / 90 days, or a from–to range of UTC days; the choice goes into the address. */
function PeriodPicker({ period, refresh }: { period: Period; refresh(): void }) {
  const { t, locale } = useI18n();
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period.from, period.to]);
  const apply = (event: Event) => {
    event.preventDefault();
    const refused = rangeProblem(from, to);
    setProblem(refused);
    if (!refused) navigate(periodPath({ from, to }));
  };
  return (
    <div class="period">
      <div class="toolbar period-picker">
        <div class="presets" role="group" aria-label={t('overview.period.label')}>
          {PRESET_DAYS.map((days) => (
            <button
              type="button"
              key={days}
              data-days={days}
              aria-pressed={period.days === days ? 'true' : 'false'}
              onClick={() => {
                setProblem(null);
                navigate(periodPath(lastDays(days)));
              }}
            >
              {t('overview.period.last', { days })}
            </button>
          ))}
        </div>
        <form class="range" onSubmit={apply} aria-label={t('overview.period.custom')}>
          <label>
            {t('overview.period.from')}
            <input type="date" name="from" value={from} max={to} onInput={(e) => setFrom(e.currentTarget.value)} required />
          </label>
          <label>
            {t('overview.period.to')}
            <input type="date" name="to" value={to} min={from} onInput={(e) => setTo(e.currentTarget.value)} required />
          </label>
          <button type="submit" data-action="apply-range">
            {t('overview.period.apply')}
          </button>
        </form>
        <button type="button" class="refresh" data-action="refresh" onClick={refresh}>
          {t('overview.refresh')}
        </button>
      </div>
      {problem && (
        <p class="notice notice-error" role="alert">
          {t(problem, { max: MAX_DAYS })}
        </p>
      )}
      <p class="muted period-shown" data-from={period.from} data-to={period.to}>
        {t('overview.period.shown', { from: formatUtcDay(locale, period.from), to: formatUtcDay(locale, period.to), days: daysIn(period) })}
      </p>
    </div>
  );
}

import { useI18n } from '../../i18n/index.js';
import { Figure, figureName, FigureText } from './section.js';
import type { ReasonCount, WelcomeReport, WinBackReport } from './types.js';

/** Reasons with their counts, most first, as the route lists them. */
export function ReasonTable({ reasons, name, caption, counted }: { reasons: ReasonCount[]; name(reason: string): string; caption: string; counted: string }) {
  const { t } = useI18n();
  if (reasons.length === 0) return null;
  return (
    <table class="reasons">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('overview.reason')}</th>
          <th scope="col" class="number">
            {counted}
          </th>
        </tr>
      </thead>
      <tbody>
        {reasons.map(({ reason, count }) => (
          <tr key={reason}>
            <td>{reason}</td>
            <td class="number">
              <FigureText name={name(reason)} value={count} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Win-back runs by result, the success rate, and the cold pool with the reasons customers went there. */
export function WinBack({ report }: { report: WinBackReport }) {
  const { t } = useI18n();
  const name = (...path: string[]) => figureName('win-back', ...path);
  return (
    <>
      <dl class="figures">
        <Figure name={name('successRate')} kind="share" label={t('overview.winBack.successRate')} value={report.successRate} />
        <Figure name={name('wonBack')} label={t('overview.winBack.wonBack')} value={report.wonBack} tone={report.wonBack > 0 ? 'good' : undefined} />
        <Figure name={name('failed')} label={t('overview.winBack.failed')} value={report.failed} tone={report.failed > 0 ? 'bad' : undefined} />
        <Figure name={name('refused')} label={t('overview.winBack.refused')} value={report.refused} tone={report.refused > 0 ? 'bad' : undefined} />
        <Figure name={name('inProgress')} label={t('overview.winBack.inProgress')} value={report.inProgress} />
        <Figure name={name('otherwise')} label={t('overview.winBack.otherwise')} value={report.otherwise} />
        <Figure name={name('entered')} label={t('overview.winBack.entered')} value={report.entered} />
      </dl>
      <p class="muted">{t('overview.winBack.explain')}</p>
      <h3>{t('overview.coldPool.title')}</h3>
      <dl class="figures">
        <Figure name={name('coldPool', 'count')} label={t('overview.coldPool.count')} value={report.coldPool.count} />
      </dl>
      {report.coldPool.count === 0 ? (
        <p class="muted">{t('overview.coldPool.empty')}</p>
      ) : (
        <ReasonTable reasons={report.coldPool.reasons} counted={t('overview.customers')} caption={t('overview.coldPool.reasons')} name={(reason) => figureName('win-back', 'coldPool', 'reasons', { reason }, 'count')} />
      )}
    </>
  );
}

/** Welcome runs: how many reached the goal (the welcome survey) of those that entered. */
export function Welcome({ report }: { report: WelcomeReport }) {
  const { t } = useI18n();
  const name = (field: string) => figureName('welcome', field);
  return (
    <>
      <dl class="figures">
        <Figure name={name('completionRate')} kind="share" label={t('overview.welcome.completionRate')} value={report.completionRate} />
        <Figure name={name('completed')} label={t('overview.welcome.completed')} value={report.completed} tone={report.completed > 0 ? 'good' : undefined} />
        <Figure name={name('inProgress')} label={t('overview.welcome.inProgress')} value={report.inProgress} />
        <Figure name={name('entered')} label={t('overview.welcome.entered')} value={report.entered} />
      </dl>
      <p class="muted">{t('overview.welcome.explain')}</p>
    </>
  );
}

import { allSteps } from '../../../../domain/step-paths.js';
import { formatNumber, formatShare } from '../../format.js';
import { useI18n } from '../../i18n/index.js';
import type { Locale } from '../../i18n/locale.js';
import { outcomeText } from './journey-text.js';
import type { JourneyDetail, JourneyReport } from './types.js';

/** How finished runs ended, and why. */
export function JourneyOutcomes({ report }: { report: JourneyReport }) {
  const { t, locale } = useI18n();
  const finished = report.outcomes.reduce((sum, row) => sum + row.count, 0);
  return (
    <>
      <h2>{t('journey.outcomes')}</h2>
      {report.outcomes.length === 0 ? (
        <p class="muted">{t('journey.outcomes.none')}</p>
      ) : (
        <table data-outcomes>
          <thead>
            <tr>
              <th>{t('journey.outcomes.outcome')}</th>
              <th>{t('journey.outcomes.reason')}</th>
              <th class="number">{t('journey.outcomes.count')}</th>
              <th class="number">{t('journey.outcomes.share')}</th>
            </tr>
          </thead>
          <tbody>
            {report.outcomes.map((row) => (
              <tr key={`${row.outcome}|${row.reason}`} data-outcome={row.outcome ?? ''}>
                <td>
                  <span class={`badge outcome-${row.outcome ?? 'none'}`}>{outcomeText(t, row.outcome)}</span>
                </td>
                <td>{row.reason ?? '—'}</td>
                <td class="number" data-col="count">
                  {formatNumber(locale, row.count)}
                </td>
                <td class="number">{formatShare(locale, row.count / finished)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** A difference of two rates, signed: 0.052 → "+5.2%". */
const formatPoints = (locale: Locale, value: number) => formatNumber(locale, value, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });

/** The A/B arms of the journey's splits: runs in each, goals reached, the conversion with its 95 % interval, and the arm's weight. */
export function JourneyArms({ report, definition }: { report: JourneyReport; definition: JourneyDetail['definition'] | undefined }) {
  const { t, locale } = useI18n();
  const splits = definition ? allSteps(definition).flatMap((step) => (step.kind === 'split' ? [step] : [])) : [];
  const weight = (experiment: string, arm: string) => {
    const arms = splits.find((split) => split.experiment === experiment)?.arms ?? [];
    const total = arms.reduce((sum, each) => sum + each.weight, 0);
    const mine = arms.find((each) => each.name === arm);
    return mine && total ? formatShare(locale, mine.weight / total) : '—';
  };
  return (
    <>
      <h2>{t('journey.arms')}</h2>
      {report.arms.length === 0 ? (
        <p class="muted">{t('journey.arms.none')}</p>
      ) : (
        <>
          <table data-arms>
            <thead>
              <tr>
                <th>{t('journey.arms.experiment')}</th>
                <th>{t('journey.arms.arm')}</th>
                <th class="number">{t('journey.arms.weight')}</th>
                <th class="number">{t('journey.arms.entered')}</th>
                <th class="number">{t('journey.arms.goalReached')}</th>
                <th class="number">{t('journey.arms.rate')}</th>
                <th class="number">{t('journey.arms.interval')}</th>
                <th class="number">{t('journey.arms.versusHoldout')}</th>
              </tr>
            </thead>
            <tbody>
              {report.arms.map((row) => (
                <tr key={`${row.experiment}/${row.arm}`} data-arm={`${row.experiment}/${row.arm}`}>
                  <td>{row.experiment}</td>
                  <td>
                    <strong>{row.arm}</strong>
                    {row.holdout && <span class="muted"> · {t('journey.arms.holdout')}</span>}
                  </td>
                  <td class="number">{weight(row.experiment, row.arm)}</td>
                  <td class="number" data-col="entered">
                    {formatNumber(locale, row.entered)}
                  </td>
                  <td class="number" data-col="goalReached">
                    {formatNumber(locale, row.goalReached)}
                  </td>
                  <td class="number" data-col="rate">
                    {formatShare(locale, row.conversionRate)}
                  </td>
                  <td class="number" data-col="interval">
                    {row.entered ? `${formatShare(locale, row.confidence.low)} – ${formatShare(locale, row.confidence.high)}` : '—'}
                  </td>
                  <td class="number" data-col="versusHoldout">
                    {row.versusHoldout ? `${formatPoints(locale, row.versusHoldout.difference)} (${formatPoints(locale, row.versusHoldout.confidence.low)} … ${formatPoints(locale, row.versusHoldout.confidence.high)})` : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="muted">{t('journey.arms.note')}</p>
        </>
      )}
    </>
  );
}

/** Each step with the runs that passed it: the diagram's numbers as a table. */
export function JourneySteps({ report }: { report: JourneyReport }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h2>{t('journey.steps')}</h2>
      <table data-steps>
        <thead>
          <tr>
            <th>{t('journey.steps.key')}</th>
            <th>{t('journey.steps.kind')}</th>
            <th class="number">{t('journey.steps.passed')}</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((step) => (
            <tr key={step.key} data-step={step.key}>
              <td>
                <code>{step.key}</code>
              </td>
              <td>{t(`journey.kind.${step.kind}`)}</td>
              <td class="number" data-col="passed">
                {formatNumber(locale, step.passed)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The messages the journey sends, step by step (their previews are in journey-previews.tsx). */
export function JourneyMessages({ journey }: { journey: JourneyDetail }) {
  const { t } = useI18n();
  const sends = allSteps(journey.definition).flatMap((step) => (step.kind === 'send' ? [step] : []));
  return (
    <>
      <h2>{t('journey.messages')}</h2>
      {sends.length === 0 ? (
        <p class="muted">{t('journey.messages.none')}</p>
      ) : (
        <table data-messages>
          <thead>
            <tr>
              <th>{t('journey.steps.key')}</th>
              <th>{t('journey.messages.channel')}</th>
              <th>{t('journey.messages.template')}</th>
            </tr>
          </thead>
          <tbody>
            {sends.map((step) => (
              <tr key={step.key}>
                <td>
                  <code>{step.key}</code>
                </td>
                <td>{t(`journey.channel.${step.channel}`)}</td>
                <td>
                  <code>{step.template}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

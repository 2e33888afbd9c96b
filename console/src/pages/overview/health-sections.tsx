import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { ChartView } from '../../components/chart.js';
import { StageBadge } from '../../components/stage-badge.js';
import { type Translate, useI18n } from '../../i18n/index.js';
import { href } from '../../router.js';
import { Figure, figureName, FigureText } from './section.js';
import type { HealthReport } from './types.js';

const ROUTE = 'health';
const bucketLabel = ({ from, to }: { from: number; to: number }) => `${from}–${to}`;

/** Health scores in 10-point buckets: a bar chart, and each bucket's count as text. */
export function HealthDistribution({ report }: { report: HealthReport }) {
  const { t } = useI18n();
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: report.buckets.map(bucketLabel),
        datasets: [
          {
            label: t('overview.health.customers'),
            data: report.buckets.map((bucket) => bucket.count),
            // Red at the low end, green at the top.
            backgroundColor: report.buckets.map((bucket) => `hsl(${Math.round((bucket.from / 90) * 130)}, 60%, 45%)`),
          },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [report, t],
  );
  return (
    <>
      <ChartView config={config} label={t('overview.health.chart')} height={220} />
      <dl class="figures buckets">
        {report.buckets.map((bucket) => (
          <Figure key={bucket.from} name={figureName(ROUTE, 'buckets', { from: bucket.from }, 'count')} label={t('overview.health.bucket', { range: bucketLabel(bucket) })} value={bucket.count} />
        ))}
        <Figure name={figureName(ROUTE, 'unscored')} label={t('overview.health.unscored')} value={report.unscored} />
      </dl>
    </>
  );
}

/** `open urgent review: <title>; health 32 < 40` in the reader's language. */
function riskReason(t: Translate, reason: string): string {
  return reason
    .split('; ')
    .map((part) => {
      const review = /^open urgent review: (.*)$/.exec(part);
      if (review) return t('overview.atRisk.review', { title: review[1]! });
      const low = /^health (\S+) < (\S+)$/.exec(part);
      if (low) return t('overview.atRisk.lowHealth', { score: low[1]!, threshold: low[2]! });
      return part;
    })
    .join('; ');
}

/** Customers at risk (an open urgent review, or a score under the threshold), each linked to its page. */
export function AtRisk({ report }: { report: HealthReport }) {
  const { t } = useI18n();
  const { atRisk } = report;
  return (
    <>
      <dl class="figures">
        <Figure name={figureName(ROUTE, 'atRisk', 'total')} label={t('overview.atRisk.total')} value={atRisk.total} tone={atRisk.total > 0 ? 'bad' : undefined} />
        <Figure name={figureName(ROUTE, 'atRisk', 'threshold')} kind="score" label={t('overview.atRisk.threshold')} value={atRisk.threshold} />
      </dl>
      {atRisk.customers.length === 0 ? (
        <p class="muted">{t('overview.atRisk.none')}</p>
      ) : (
        <div class="overview-scroll at-risk">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('overview.atRisk.customer')}</th>
                <th scope="col">{t('overview.atRisk.stage')}</th>
                <th scope="col" class="number">
                  {t('overview.atRisk.score')}
                </th>
                <th scope="col">{t('overview.atRisk.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {atRisk.customers.map((customer) => (
                <tr key={customer.id} data-customer-id={customer.id}>
                  <td>
                    <a href={href('customers', customer.id)}>{customer.name || customer.id}</a>
                    {customer.name && <div class="muted">{customer.id}</div>}
                  </td>
                  <td>
                    <StageBadge stage={customer.stage} />
                  </td>
                  <td class="number">
                    <FigureText name={figureName(ROUTE, 'atRisk', 'customers', { id: customer.id }, 'score')} kind="score" value={customer.score} />
                  </td>
                  <td>{riskReason(t, customer.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {atRisk.total > atRisk.customers.length && <p class="muted">{t('overview.atRisk.more', { shown: atRisk.customers.length })}</p>}
    </>
  );
}

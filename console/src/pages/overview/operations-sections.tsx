import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { ChartView } from '../../components/chart.js';
import { useI18n } from '../../i18n/index.js';
import { ReasonTable } from './journey-sections.js';
import { Figure, figureName, FigureText } from './section.js';
import type { ChannelFigures, MessagesReport, TasksReport } from './types.js';

const DURATIONS = [
  ['firstResponse', 'medianMs'],
  ['firstResponse', 'p90Ms'],
  ['resolution', 'medianMs'],
  ['resolution', 'p90Ms'],
] as const;

/** Task KPIs from our own task store: open and overdue now, response and resolution times of the period's tasks, in all and per queue. */
export function Tasks({ report }: { report: TasksReport }) {
  const { t } = useI18n();
  const name = (...path: (string | Record<string, string>)[]) => figureName('tasks', ...path);
  return (
    <>
      <dl class="figures">
        <Figure name={name('open')} label={t('overview.tasks.open')} value={report.open} />
        <Figure name={name('overdue')} label={t('overview.tasks.overdue')} value={report.overdue} tone={report.overdue > 0 ? 'overdue' : undefined} />
        {DURATIONS.map(([measure, stat]) => (
          <Figure key={`${measure}.${stat}`} name={name(measure, stat)} kind="duration" label={t(`overview.tasks.${measure}.${stat}`)} value={report[measure][stat]} />
        ))}
        <Figure name={name('firstResponse', 'count')} label={t('overview.tasks.firstResponse.count')} value={report.firstResponse.count} />
        <Figure name={name('resolution', 'count')} label={t('overview.tasks.resolution.count')} value={report.resolution.count} />
      </dl>
      <p class="muted">{t('overview.tasks.explain')}</p>
      {report.queues.length > 0 && (
        <div class="overview-scroll">
          <table class="queues">
            <caption>{t('overview.tasks.perQueue')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('overview.tasks.queue')}</th>
                <th scope="col" class="number">
                  {t('overview.tasks.open')}
                </th>
                <th scope="col" class="number">
                  {t('overview.tasks.overdue')}
                </th>
                {DURATIONS.map(([measure, stat]) => (
                  <th scope="col" class="number" key={`${measure}.${stat}`}>
                    {t(`overview.tasks.${measure}.${stat}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.queues.map((queue) => (
                <tr key={queue.queue} data-queue={queue.queue}>
                  <th scope="row">{queue.queue}</th>
                  <td class="number">
                    <FigureText name={name('queues', { queue: queue.queue }, 'open')} value={queue.open} />
                  </td>
                  <td class="number">
                    <FigureText name={name('queues', { queue: queue.queue }, 'overdue')} value={queue.overdue} class={queue.overdue > 0 ? 'overdue' : undefined} />
                  </td>
                  {DURATIONS.map(([measure, stat]) => (
                    <td class="number" key={`${measure}.${stat}`}>
                      <FigureText name={name('queues', { queue: queue.queue }, measure, stat)} kind="duration" value={queue[measure][stat]} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

const STATUSES = ['sent', 'delivered', 'failed', 'outbox', 'skipped', 'pending', 'unconfirmed'] as const;
/** The statuses the chart draws (pending and unconfirmed stay in the table). */
const CHARTED = STATUSES.slice(0, 5);
const CHANNEL_COLOURS = { email: '#0f6b8f', sms: '#d97706', wecom: '#2e7d32' } as const;

/** Messages of the send ledger created in the period, per channel and status, with why some were skipped or failed. */
export function Messages({ report }: { report: MessagesReport }) {
  const { t } = useI18n();
  const channelName = (channel: ChannelFigures['channel']) => t(`overview.messages.channel.${channel}`);
  const name = (channel: string, ...path: (string | Record<string, string>)[]) => figureName('messages', 'channels', { channel }, ...path);
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: CHARTED.map((status) => t(`overview.messages.${status}`)),
        datasets: report.channels.map((c) => ({ label: channelName(c.channel), data: CHARTED.map((status) => c[status]), backgroundColor: CHANNEL_COLOURS[c.channel] })),
      },
      options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }),
    [report, t],
  );
  return (
    <>
      <div class="overview-scroll">
        <table class="channels">
          <thead>
            <tr>
              <th scope="col">{t('overview.messages.channel')}</th>
              {STATUSES.map((status) => (
                <th scope="col" class="number" key={status}>
                  {t(`overview.messages.${status}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.channels.map((channel) => (
              <tr key={channel.channel} data-channel={channel.channel}>
                <th scope="row">{channelName(channel.channel)}</th>
                {STATUSES.map((status) => (
                  <td class="number" key={status}>
                    <FigureText name={name(channel.channel, status)} value={channel[status]} class={status === 'failed' && channel.failed > 0 ? 'overdue' : undefined} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">{t('overview.messages.explain')}</p>
      <ChartView config={config} label={t('overview.messages.chart')} height={220} />
      <div class="overview-reasons">
        {report.channels.map((channel) => (
          <div key={channel.channel}>
            <ReasonTable counted={t('overview.messages.count')} reasons={channel.skippedByReason} caption={t('overview.messages.skippedBy', { channel: channelName(channel.channel) })} name={(reason) => name(channel.channel, 'skippedByReason', { reason }, 'count')} />
            <ReasonTable counted={t('overview.messages.count')} reasons={channel.failedByReason} caption={t('overview.messages.failedBy', { channel: channelName(channel.channel) })} name={(reason) => name(channel.channel, 'failedByReason', { reason }, 'count')} />
          </div>
        ))}
      </div>
    </>
  );
}

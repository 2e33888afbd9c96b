import { MessageModel } from '../models/message.js';

const CHANNELS = ['email', 'sms', 'wecom'] as const;

export interface ChannelFigures {
  channel: (typeof CHANNELS)[number];
  /** Taken by the provider and not reported failed: status `sent` or `delivered`. */
  sent: number;
  /** Reported delivered by the provider (Twilio's status callback). */
  delivered: number;
  /** Refused for good by the provider, or reported failed after it took the message. */
  failed: number;
  /** Kept in the outbox: no provider configured for the channel. */
  outbox: number;
  /** Not sent on purpose (consent, quiet hours, caps, an urgent review); by reason below. */
  skipped: number;
  /** Not finished yet, or cut short where the provider cannot be asked (`unconfirmed`). */
  pending: number;
  unconfirmed: number;
  skippedByReason: { reason: string; count: number }[];
  failedByReason: { reason: string; count: number }[];
}

const byCount = (counts: Map<string, number>) => [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));

/** Messages of the send ledger created in [start, end), per channel and status, with the reasons of skips and failures: one `$group`. */
export async function messageReport({ start, end }: { start: Date; end: Date }): Promise<ChannelFigures[]> {
  const groups = await MessageModel.aggregate<{ _id: { channel: string; status: string; reason?: string | null }; count: number }>([
    { $match: { createdAt: { $gte: start, $lt: end } } },
    { $group: { _id: { channel: '$channel', status: '$status', reason: '$reason' }, count: { $sum: 1 } } },
  ]);
  return CHANNELS.map((channel) => {
    const figures: ChannelFigures = { channel, sent: 0, delivered: 0, failed: 0, outbox: 0, skipped: 0, pending: 0, unconfirmed: 0, skippedByReason: [], failedByReason: [] };
    const skipped = new Map<string, number>();
    const failed = new Map<string, number>();
    for (const { _id, count } of groups.filter((g) => g._id.channel === channel)) {
      const reason = _id.reason ?? 'unknown';
      if (_id.status === 'sent' || _id.status === 'delivered') figures.sent += count;
      if (_id.status === 'delivered') figures.delivered += count;
      if (_id.status === 'failed') failed.set(reason, (failed.get(reason) ?? 0) + count);
      if (_id.status === 'skipped') skipped.set(reason, (skipped.get(reason) ?? 0) + count);
      if (_id.status === 'failed' || _id.status === 'skipped' || _id.status === 'outbox' || _id.status === 'pending' || _id.status === 'unconfirmed') figures[_id.status] += count;
    }
    return { ...figures, skippedByReason: byCount(skipped), failedByReason: byCount(failed) };
  });
}

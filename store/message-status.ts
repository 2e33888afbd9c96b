import { type MessageDoc, MessageModel } from './models/message.js';

/** What a provider's status report can say of a message that was handed to it. */
export type ReportedStatus = 'sent' | 'delivered' | 'failed';

/** The ledger statuses each reported status may follow: a status only moves forward. */
export const MAY_FOLLOW: Record<ReportedStatus, MessageDoc['status'][]> = {
  sent: ['pending'],
  delivered: ['pending', 'sent'],
  failed: ['pending', 'sent'],
};

/**
 * Applies a provider's status report to the ledger row with that provider message id.
 * Returns `unknown` when no row has that id, `stale` when the row is already further on.
 */
export async function applyStatusReport(
  providerMessageId: string,
  report: { status: ReportedStatus; reason?: string },
  at = new Date(),
  sendKey?: string,
): Promise<'updated' | 'stale' | 'unknown'> {
  const time = report.status === 'delivered' ? { deliveredAt: at } : report.status === 'failed' ? { failedAt: at } : {};
  // By send key when the report names one: it may come before the SID is recorded.
  const row = sendKey ? { sendKey, providerMessageId: { $in: [providerMessageId, null] } } : { providerMessageId };
  const { modifiedCount } = await MessageModel.updateOne(
    { ...row, status: { $in: MAY_FOLLOW[report.status] } },
    { $set: { status: report.status, providerMessageId, ...(report.reason ? { reason: report.reason } : {}), ...time } },
  );
  if (modifiedCount === 1) return 'updated';
  return (await MessageModel.exists(row)) ? 'stale' : 'unknown';
}

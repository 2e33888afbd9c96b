/** What the send ledger says became of each customer's welcome email: the worker's own record, beside the mail sink's. */
import { MessageModel } from '../store/models/message.js';

/** Ledger statuses after which the message will not be sent again. */
const FINAL = new Set(['sent', 'delivered', 'failed', 'skipped', 'outbox', 'unconfirmed']);

export interface LedgerRow {
  customerId: string;
  sendKey: string;
  status: string;
  reason?: string;
  /** When the provider was called (the last attempt noted before the call), ms. */
  attemptedAt?: number;
}

/** The welcome emails' ledger rows of `customerIds` (FerretDB answers an `$in` of hundreds, in chunks to be kind). */
export async function welcomeLedger(customerIds: string[]): Promise<Map<string, LedgerRow>> {
  const rows = new Map<string, LedgerRow>();
  for (let i = 0; i < customerIds.length; i += 200) {
    const found = await MessageModel.find({ customerId: { $in: customerIds.slice(i, i + 200) }, journeyId: 'welcome', channel: 'email' }, { customerId: 1, sendKey: 1, status: 1, reason: 1, attemptedAt: 1 }).lean();
    for (const row of found) rows.set(row.customerId, { customerId: row.customerId, sendKey: row.sendKey, status: row.status, reason: row.reason ?? undefined, attemptedAt: row.attemptedAt?.getTime() });
  }
  return rows;
}

/** Customers whose welcome email has no final ledger row yet: a send not yet done, or still to be retried. */
export const unsettled = (customerIds: string[], ledger: Map<string, LedgerRow>): string[] => customerIds.filter((id) => !FINAL.has(ledger.get(id)?.status ?? 'none'));

/**
 * Each expected email against the mail sink and the send ledger: received once, received more than
 * once (a duplicate: the one thing that must never happen), or not received. A message not received
 * whose ledger row says `unconfirmed` was cut short by a dead worker after the relay may have taken it;
 * SMTP cannot be asked, so it is deliberately not sent again (at most once). Anything else missing is lost.
 */
import type { ReceivedEmail } from './mail-sink.js';
import type { LedgerRow } from './send-ledger.js';

export interface Delivery {
  expected: number;
  receivedOnce: number;
  /** Addresses that got the message more than once, with how many copies. */
  duplicates: { to: string; copies: number }[];
  /** Not received, ledger `unconfirmed`: cut short by the kill, not re-sent by design. */
  cutShort: string[];
  /** Not received for any other reason, with the ledger's status (`none`: no row). */
  lost: { customerId: string; ledger: string }[];
  /** Received although the ledger says `unconfirmed`: the relay took the cut-short attempt. */
  unconfirmedButReceived: number;
}

export function checkDelivery(customers: { id: string; email: string }[], received: ReceivedEmail[], ledger: Map<string, LedgerRow>): Delivery {
  const copies = new Map<string, number>();
  for (const email of received) copies.set(email.to, (copies.get(email.to) ?? 0) + 1);
  const delivery: Delivery = { expected: customers.length, receivedOnce: 0, duplicates: [], cutShort: [], lost: [], unconfirmedButReceived: 0 };
  for (const { id, email } of customers) {
    const n = copies.get(email) ?? 0;
    const status = ledger.get(id)?.status ?? 'none';
    if (n === 1) delivery.receivedOnce += 1;
    if (n > 1) delivery.duplicates.push({ to: email, copies: n });
    if (n > 0 && status === 'unconfirmed') delivery.unconfirmedButReceived += 1;
    if (n === 0 && status === 'unconfirmed') delivery.cutShort.push(id);
    else if (n === 0) delivery.lost.push({ customerId: id, ledger: status });
  }
  return delivery;
}

import { sinkMessages } from '../stack/mail-sink-messages.js';

/** The emails in the mail sink (maildev's REST API), with the send key each carries (X-Tideway-Send-Key). */

export interface ReceivedEmail {
  to: string;
  /** The send ledger's key: the same for every attempt at one message, so two copies share it. */
  sendKey?: string;
  /** When it was sent: maildev reports the message's Date header (whole seconds), ms. */
  sentAt: number;
}

/** Every email in the sink to an address `forAddress` accepts (the sink may hold other runs' mail). */
export async function receivedEmails(mailUrl: string, forAddress: (address: string) => boolean): Promise<ReceivedEmail[]> {
  return (await sinkMessages(mailUrl)).flatMap((email) =>
    email.to.filter((to) => forAddress(to.address)).map((to) => ({ to: to.address, sendKey: email.headers['x-tideway-send-key'], sentAt: Date.parse(email.time) })),
  );
}

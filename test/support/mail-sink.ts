import { type SinkMessage, sinkMessages } from '../../stack/mail-sink-messages.js';

export type SunkEmail = SinkMessage;

/** What the local mail sink received for one address. */
export async function emailsTo(mailSinkUrl: string, address: string): Promise<SunkEmail[]> {
  return (await sinkMessages(mailSinkUrl)).filter((email) => email.to.some((to) => to.address === address));
}

/**
 * Twilio's SMS keywords (its default opt-out and opt-in lists, and the Chinese ones carriers in China
 * expect): a whole message that is one of them, in any case, changes the sender's SMS consent.
 */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', '退订', 'td', '取消订阅']);
const OPT_IN = new Set(['start', 'unstop', 'yes']);

export type SmsKeyword = 'opt_out' | 'opt_in';

/** What an inbound SMS asks for, when its whole trimmed text is a keyword; undefined for any other text. */
export function smsKeyword(body: string): SmsKeyword | undefined {
  const word = body.trim().toLowerCase();
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  return undefined;
}

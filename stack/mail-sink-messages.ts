/** A message as the mail sink's (maildev's) HTTP API returns it. */
export interface SinkMessage {
  subject: string;
  text: string;
  /** The HTML part, when the message has one. */
  html?: string;
  to: { address: string }[];
  /** Header names in lower case, as maildev parses them. */
  headers: Record<string, string | undefined>;
  /** The message's Date header (whole seconds). */
  time: string;
}

/** Every message the mail sink holds, read through its HTTP API. */
export async function sinkMessages(mailSinkUrl: string): Promise<SinkMessage[]> {
  const response = await fetch(`${mailSinkUrl}/email`, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  return (await response.json()) as SinkMessage[];
}

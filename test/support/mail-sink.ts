/** A message as the mail sink's HTTP API returns it. */
export interface SunkEmail {
  subject: string;
  text: string;
  /** The HTML part, when the message has one. */
  html?: string;
  to: { address: string }[];
  /** Header names in lower case, as maildev parses them. */
  headers: Record<string, string>;
}

/** Reads what the local mail sink received, through its HTTP API. */
export async function emailsTo(mailSinkUrl: string, address: string): Promise<SunkEmail[]> {
  const response = await fetch(`${mailSinkUrl}/email`);
  if (!response.ok) throw new Error(`mail sink answered ${response.status}`);
  const all = (await response.json()) as SunkEmail[];
  return all.filter((email) => email.to.some((to) => to.address === address));
}

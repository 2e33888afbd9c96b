import nodemailer, { type Transporter } from 'nodemailer';

/**
 * The SMTP transport email activities send through: pooled, so a burst reuses a few connections
 * instead of a handshake per message.
 */
export function createMailer(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  return nodemailer.createTransport(url.toString());
}

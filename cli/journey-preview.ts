import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env.js';
import { templateDefaults } from '../config/template-defaults.js';
import type { Journey } from '../domain/journey.js';
import { type PreviewedMessage, previewMessages, previewRecipient } from '../domain/journey-previews.js';
import type { TemplateRecipient } from '../domain/template-context.js';
import type { Locale } from '../domain/templates.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { findTemplateRecipient } from '../store/template-customer.js';

export const PREVIEW_USAGE = 'npm run journeys -- preview <journey-id> [step] [--locale en|zh-CN] [--customer <id>]';
const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/**
 * `preview <journey> [step]`: what the customer would get, rendered as the worker renders it (the same
 * code as `GET /v1/journeys/:id/previews`): for the customer named (read from MONGODB_URI), else a sample one.
 */
export async function preview(journey: Journey, argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { locale: { type: 'string' }, customer: { type: 'string' } } });
  const [stepKey] = positionals;
  const locale = values.locale as Locale | undefined;
  if (locale && !LOCALES.includes(locale)) {
    console.error(`--locale is one of ${LOCALES.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const customer = values.customer ? await readCustomer(config.MONGODB_URI, values.customer) : undefined;
  if (values.customer && !customer) {
    console.error(`no customer "${values.customer}"`);
    return 1;
  }
  const recipient = previewRecipient(customer, locale);
  const messages = previewMessages(journey, templateDefaults({ brand: config.TIDEWAY_BRAND, publicUrl: config.TIDEWAY_PUBLIC_URL, links: config.TIDEWAY_LINKS }), recipient, stepKey);
  if (!messages.length) {
    console.error(stepKey ? `journey "${journey.id}" has no send step "${stepKey}"` : `journey "${journey.id}" sends nothing`);
    return 1;
  }
  console.log(`journey ${journey.id} ${journey.version} · for ${customer ? recipient.id : 'a sample customer'} · ${recipient.locale}`);
  for (const message of messages) console.log(`\n${printed(message)}`);
  return messages.some((message) => message.error) ? 1 : 0;
}

async function readCustomer(mongodbUri: string, customerId: string): Promise<TemplateRecipient | undefined> {
  await connectStore(mongodbUri);
  try {
    return await findTemplateRecipient(customerId);
  } finally {
    await disconnectStore();
  }
}

function printed({ step, channel, template, locale, subject, text, error }: PreviewedMessage): string {
  const heading = `── ${step} · ${channel} · ${template}${locale ? ` (${locale})` : ''}`;
  if (error) return `${heading}\n✗ ${error}`;
  return channel === 'email' ? `${heading}\nSubject: ${subject}\n\n${text}` : `${heading}\n${text}`;
}

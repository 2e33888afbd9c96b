import type { Transporter } from 'nodemailer';
import { pickLocale, renderTemplate, type TemplateCatalogue } from '../domain/templates.js';
import { isDuplicateKeyError } from '../store/errors.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import type { StepRef } from './refs.js';

export interface EmailDeps {
  mailer: Pick<Transporter, 'sendMail'>;
  from: string;
  templates: TemplateCatalogue;
  /** Variables every template may use (brand, links), overridden by the customer's own. */
  templateDefaults: Record<string, string>;
}

export interface SendEmailInput extends StepRef {
  /** Made in the workflow: the same key is never sent twice. */
  sendKey: string;
  template: string;
}

export interface SendResult {
  status: 'sent' | 'skipped';
  to?: string;
  subject?: string;
  reason?: string;
}

export function createEmailActivities({ mailer, from, templates, templateDefaults }: EmailDeps) {
  async function claim(input: SendEmailInput) {
    try {
      await MessageModel.create({
        sendKey: input.sendKey,
        customerId: input.customerId,
        channel: 'email',
        template: input.template,
        journeyId: input.journeyId,
        workflowId: input.workflowId,
        status: 'pending',
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return MessageModel.findOne({ sendKey: input.sendKey }).orFail().lean();
  }

  /** Sends one templated email, checking the send ledger first so a retry or replay never sends twice. */
  async function sendEmail(input: SendEmailInput): Promise<SendResult> {
    const entry = await claim(input);
    if (entry.status === 'sent' || entry.status === 'skipped') {
      return { status: entry.status, to: entry.to ?? undefined, subject: entry.subject ?? undefined, reason: entry.reason ?? undefined };
    }
    const customer = await CustomerModel.findById(input.customerId).lean();
    if (!customer?.email) {
      await MessageModel.updateOne({ sendKey: input.sendKey }, { status: 'skipped', reason: 'no email address' });
      return { status: 'skipped', reason: 'no email address' };
    }
    const variants = templates[input.template];
    if (!variants) throw new Error(`unknown email template "${input.template}"`);
    const locale = pickLocale(variants, customer.locale ?? undefined);
    const variables = { ...templateDefaults, name: customer.name ?? customer.email, customerId: customer._id };
    const message = renderTemplate(variants[locale] ?? variants.en, variables);
    const info = await mailer.sendMail({
      from,
      to: customer.email,
      subject: message.subject,
      text: message.text,
      headers: { 'X-Tideway-Send-Key': input.sendKey, 'X-Tideway-Journey': input.journeyId },
    });
    await MessageModel.updateOne(
      { sendKey: input.sendKey },
      { status: 'sent', to: customer.email, locale, subject: message.subject, providerMessageId: info.messageId, sentAt: new Date() },
    );
    return { status: 'sent', to: customer.email, subject: message.subject };
  }

  return { sendEmail };
}

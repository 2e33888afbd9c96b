import { ApplicationFailure } from '@temporalio/activity';
import { isTemplateError, TemplateMissingError } from '../domain/errors.js';
import { type MessageTemplate, renderFor, type TemplateCatalogue, type TemplateVariants } from '../domain/templates.js';
import type { Channel } from '../domain/send-policy.js';
import type { CustomerDoc } from '../store/models/customer.js';
import { recordSendFailure } from './send-ledger.js';

export interface TemplateDeps {
  /** The worker's catalogue: what a run renders when it carries no copy of its template. */
  templates: TemplateCatalogue;
  /** Variables every template may use (brand, links), overridden by the customer's own. */
  templateDefaults: Record<string, string>;
}

/** The template a send step names, and the copy of it the run carries. */
export interface TemplateRef {
  template: string;
  /**
   * The template as it was when the run started (the journey's snapshot, see `withTemplates`), so
   * editing or removing it changes new runs only. Absent for runs started before snapshots: the catalogue's.
   */
  templateContent?: TemplateVariants;
}

/** A template rendered in the customer's locale (or the fallback) with their name and the defaults. */
export function renderForCustomer(
  { templates, templateDefaults }: TemplateDeps,
  { template, templateContent }: TemplateRef,
  customer: Pick<CustomerDoc, 'name' | 'email' | 'locale'> & { _id: string },
): MessageTemplate & { locale: string } {
  const variants = templateContent ?? templates[template];
  if (!variants) throw new TemplateMissingError(template);
  return renderFor(variants, templateDefaults, { id: customer._id, name: customer.name, email: customer.email, locale: customer.locale });
}

/**
 * Renders a claimed send's message; one that cannot be rendered (a missing template or variable:
 * sending again will not help) is recorded failed in the ledger and fails for good, with the reason.
 */
export async function renderOrFail<M>(sendKey: string, to: string, channel: Channel, render: () => M | Promise<M>): Promise<M> {
  try {
    return await render();
  } catch (error) {
    if (!isTemplateError(error)) throw error;
    await recordSendFailure(sendKey, { to, reason: error.message }, { channel, reason: 'template_error' });
    throw ApplicationFailure.nonRetryable(error.message, error.name, error instanceof TemplateMissingError ? { template: error.templateId } : { variable: error.variable });
  }
}

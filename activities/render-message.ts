import { ApplicationFailure } from '@temporalio/activity';
import { isTemplateError, type TemplateError, TemplateMissingError, TemplateVariableMissingError } from '../domain/errors.js';
import { renderFor } from '../domain/message-render.js';
import type { Channel } from '../domain/send-policy.js';
import type { MessageTemplate, TemplateCatalogue, TemplateVariants } from '../domain/templates.js';
import type { CustomerDoc } from '../store/models/customer.js';
import type { TemplateEvent } from '../domain/template-context.js';
import { latestOrderEvents } from '../store/customer-orders.js';
import { templateRecipient } from '../store/template-customer.js';
import type { StepRef } from './refs.js';
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
  /** The event the run started with or received last (`event` in templates); absent when it has none. */
  event?: TemplateEvent;
}

/**
 * A template rendered in the customer's locale (or the fallback) with their profile and latest orders,
 * the run's event, the journey step and the defaults.
 */
export async function renderForCustomer(
  { templates, templateDefaults }: TemplateDeps,
  { template, templateContent, event, journeyId, journeyVersion, stepKey }: TemplateRef & Pick<StepRef, 'journeyId' | 'journeyVersion' | 'stepKey'>,
  customer: Partial<CustomerDoc> & { _id: string },
): Promise<MessageTemplate & { locale: string }> {
  const variants = templateContent ?? templates[template];
  if (!variants) throw new TemplateMissingError(template);
  const recipient = templateRecipient(customer, await latestOrderEvents(customer._id));
  return renderFor(variants, templateDefaults, recipient, { journey: { id: journeyId, version: journeyVersion }, step: { key: stepKey }, ...(event ? { event } : {}) });
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
    throw ApplicationFailure.nonRetryable(error.message, error.name, templateFailureDetails(error));
  }
}

function templateFailureDetails(error: TemplateError): Record<string, unknown> {
  if (error instanceof TemplateMissingError) return { template: error.templateId };
  if (error instanceof TemplateVariableMissingError) return { variable: error.variable, line: error.line };
  return { reason: error.reason, line: error.line };
}

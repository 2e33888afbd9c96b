import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Journey } from '../domain/journey.js';
import { type TemplateCatalogue, withTemplates } from '../domain/templates.js';
import { findJourney, templates } from '../journeys/index.js';
import { CustomerModel } from '../store/models/customer.js';
import { MessageModel } from '../store/models/message.js';
import type { journeyRun } from '../workflows/journey-run.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { emailsTo } from './support/mail-sink.js';
import { sendThenTag, WENT_ON } from './support/send-journeys.js';

let api: Harness;
const unique = Date.now().toString(36);

/** The worker's catalogue now: one template edited since some runs started, one that needs a variable nobody provides. */
const catalogueNow: TemplateCatalogue = {
  ...templates,
  'spring-offer': { en: { subject: 'Edited offer for {{name}}', text: 'The edited text.' } },
  'coupon-code': { en: { subject: 'Your code', text: 'Your code: {{couponCode}}' } },
};

beforeAll(async () => {
  api = await startHarness(`e2e-templates-${unique}`, { templates: catalogueNow });
});
afterAll(async () => {
  await api?.close();
});

/** Runs a journey of one transactional send (so consent and caps play no part), then a tag. */
async function runFor(name: string, journey: Journey) {
  const customerId = `${name}-${unique}`;
  const email = `${customerId}@example.com`;
  const phone = `+86138${String(Date.now() % 1e8).padStart(8, '0')}`;
  expect((await api.call('PUT', `/v1/customers/${customerId}`, { email, phone, name: 'Ada', locale: 'en' })).status).toBe(201);
  const handle = await api.client.workflow.start<typeof journeyRun>('journeyRun', {
    workflowId: `journey-${journey.id}-${customerId}`,
    taskQueue: api.taskQueue,
    args: [{ journey, customerId, trigger: 'test' }],
  });
  const outcome = await handle.result();
  const failure = (await handle.fetchHistory()).events!.find((e) => e.activityTaskFailedEventAttributes)?.activityTaskFailedEventAttributes?.failure;
  const customer = await CustomerModel.findById(customerId).lean();
  return { outcome, failure, ledger: await MessageModel.findOne({ customerId }).lean(), emails: await emailsTo(inject('mailSinkUrl'), email), tags: customer!.tags };
}

const oneSend = (id: string, channel: 'email' | 'sms', template: string) => sendThenTag(id, { channel, template, purpose: 'transactional' });

describe('a template that cannot be rendered fails the send for good; the journey goes on', () => {
  it('a missing template: failed in the ledger with the reason, TemplateMissing, not retried', async () => {
    const { outcome, failure, ledger, tags } = await runFor('no-template', oneSend('tpl-missing', 'email', 'no-such-template'));
    expect(outcome).toBe('completed');
    expect(ledger).toMatchObject({ status: 'failed', reason: 'unknown template "no-such-template"' });
    expect(failure).toMatchObject({ message: 'unknown template "no-such-template"', applicationFailureInfo: { type: 'TemplateMissing', nonRetryable: true } });
    expect(tags).toContain(WENT_ON);
  });

  it('a variable without a value: failed in the ledger with the reason, TemplateVariableMissing, not retried', async () => {
    const { outcome, failure, ledger, tags } = await runFor('no-variable', oneSend('tpl-variable', 'sms', 'coupon-code'));
    expect(outcome).toBe('completed');
    expect(ledger).toMatchObject({ status: 'failed', reason: 'template variable "couponCode" has no value' });
    expect(failure).toMatchObject({ applicationFailureInfo: { type: 'TemplateVariableMissing', nonRetryable: true } });
    expect(tags).toContain(WENT_ON);
  });
});

describe('a run renders the templates it started with', () => {
  it('a template edited since the run started: the run sends the text it started with', async () => {
    const startedWith = { 'spring-offer': { en: { subject: 'Original offer for {{name}}', text: 'The original text.' } } };
    const { outcome, emails } = await runFor('edited', withTemplates(oneSend('tpl-edited', 'email', 'spring-offer'), startedWith));
    expect(outcome).toBe('completed');
    expect(emails.map((email) => email.subject)).toEqual(['Original offer for Ada']);
    expect(emails[0]!.text).toContain('The original text.');
  });

  it('a template removed since the run started: the run still sends it', async () => {
    const startedWith = { 'winter-offer': { en: { subject: 'Winter offer for {{name}}', text: 'Warm up.' } } };
    const { outcome, emails, ledger } = await runFor('removed', withTemplates(oneSend('tpl-removed', 'email', 'winter-offer'), startedWith));
    expect(outcome).toBe('completed');
    expect(ledger).toMatchObject({ status: 'sent' });
    expect(emails.map((email) => email.subject)).toEqual(['Winter offer for Ada']);
  });

  it("a journey's version covers the content of the templates it names, and only those", () => {
    const journey = oneSend('tpl-version', 'email', 'spring-offer');
    const v1 = withTemplates(journey, { 'spring-offer': { en: { subject: 'A', text: 'a' } }, other: { en: { subject: 'X', text: 'x' } } });
    const v2 = withTemplates(journey, { 'spring-offer': { en: { subject: 'B', text: 'a' } }, other: { en: { subject: 'X', text: 'x' } } });
    const v1Again = withTemplates(v1, { 'spring-offer': { en: { subject: 'A', text: 'a' } }, other: { en: { subject: 'Y', text: 'y' } } });
    expect(Object.keys(v1.templates!)).toEqual(['spring-offer']);
    expect(v2.version).not.toBe(v1.version);
    expect(v1Again.version).toBe(v1.version);
    expect(Object.keys(findJourney('welcome')!.templates!).sort()).toEqual(['welcome', 'welcome-reminder']);
  });
});

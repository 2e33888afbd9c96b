/**
 * One HTTP event's trace: the request, the Temporal client's signal-with-start of the customer's
 * lifecycle, the welcome journey it starts and the activity that sends the email, under one trace id.
 * The API and worker run in this process, wired by the same startTracing as their main modules, with
 * spans kept in memory instead of sent to a collector.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTracing } from '../telemetry/tracing.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';
import { emailsTo } from './support/mail-sink.js';

const unique = Date.now().toString(36);
const customerId = `traced-${unique}`;
const email = `traced-${unique}@example.com`;
const exporter = new InMemorySpanExporter();
const tracing = startTracing({ serviceName: 'tideway-test', exporter });
let api: Harness;

beforeAll(async () => {
  api = await startHarness(`tracing-${unique}`, {}, undefined, undefined, tracing);
});
afterAll(async () => {
  await api?.close();
  await tracing.shutdown();
});

/** `span` and its ancestors, nearest first, as far as they were exported. */
function ancestry(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const chain = [span];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) chain.push(parent);
  return chain;
}

describe('traces', () => {
  it('follow one event from the HTTP request through the workflows to the send of its email', async () => {
    await api.call('PUT', `/v1/customers/${customerId}`, { email, name: 'Ada', locale: 'en' });
    await api.call('PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in', source: 'signup-form' });
    const registered = await api.call('POST', '/v1/events', { eventId: `${customerId}-registered`, customerId, type: 'customer.registered' });
    expect(registered.status).toBe(202);
    await eventually(() => emailsTo(inject('mailSinkUrl'), email), (mails) => mails.length > 0, { what: 'the welcome email', timeoutMs: 60_000 });
    // A workflow's span ends with the run: finish the welcome journey.
    await api.call('POST', '/v1/events', { eventId: `${customerId}-survey`, customerId, type: 'survey.completed' });
    expect(await api.client.workflow.getHandle(journeyWorkflowId('welcome', customerId)).result()).toBe('goal_reached');

    const spans = await eventually(
      async () => {
        await tracing.flush();
        return exporter.getFinishedSpans();
      },
      (all) => all.some((s) => s.name === 'RunWorkflow:journeyRun' && s.attributes.workflowId === journeyWorkflowId('welcome', customerId)),
      { what: 'the span of the welcome run' },
    );
    const send = spans.find((s) => s.name === 'RunActivity:sendEmail' && s.attributes.temporalWorkflowId === journeyWorkflowId('welcome', customerId));
    expect(send, 'the span of the send-email activity').toBeDefined();
    const { traceId } = send!.spanContext();
    const trace = spans.filter((s) => s.spanContext().traceId === traceId);
    const named = (name: string) => trace.filter((s) => s.name === name);
    const tree = `trace ${traceId}:\n${trace.map((s) => `  ${s.spanContext().spanId} ← ${s.parentSpanId ?? 'root'}  ${s.name}`).join('\n')}`;

    const [request] = named('POST /v1/events');
    expect(request, tree).toMatchObject({ kind: SpanKind.SERVER, parentSpanId: undefined, attributes: { 'http.route': '/v1/events', 'http.response.status_code': 202 } });
    const signalWithStart = named('SignalWithStartWorkflow:customerLifecycle').find((s) => s.parentSpanId === request!.spanContext().spanId);
    expect(signalWithStart, tree).toBeDefined();
    expect(named('HandleSignal:customerEvent').map((s) => s.parentSpanId), tree).toContain(signalWithStart!.spanContext().spanId);
    // The lifecycle runs as long as the customer: its RunWorkflow span (the parent of the chain's last
    // span, in this trace) is still open; the journey's ended with the run.
    expect(ancestry(send!, trace).map((s) => s.name), tree).toEqual([
      'RunActivity:sendEmail',
      'StartActivity:sendEmail',
      'RunWorkflow:journeyRun',
      'StartWorkflow:journeyRun',
      'RunActivity:startJourneys',
      'StartActivity:startJourneys',
    ]);
  });

  it('name a batch by its route, and follow it into the workflow that hands its events over', async () => {
    const batch = await api.call('POST', '/v1/events:batch', { events: [{ eventId: `${customerId}-batch`, customerId, type: 'customer.interacted' }] });
    expect(batch.status).toBe(202);
    const spans = await eventually(
      async () => {
        await tracing.flush();
        return exporter.getFinishedSpans();
      },
      (all) => all.some((s) => s.name === 'RunWorkflow:eventBatchDispatch'),
      { what: 'the span of the batch dispatch' },
    );
    const request = spans.find((s) => s.name === 'POST /v1/events:batch');
    expect(request?.attributes['http.route']).toBe('/v1/events:batch');
    const start = spans.find((s) => s.name === 'StartWorkflow:eventBatchDispatch' && s.parentSpanId === request!.spanContext().spanId);
    const run = spans.find((s) => s.name === 'RunWorkflow:eventBatchDispatch' && s.parentSpanId === start?.spanContext().spanId);
    expect(run?.spanContext().traceId).toBe(request!.spanContext().traceId);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleWorkflowId } from '../domain/workflow-ids.js';
import { EventModel } from '../store/models/event.js';
import { IdentityModel } from '../store/models/identity.js';
import { journeyWorkflowId } from '../temporal/journey-runner.js';
import { lifecycleStateQuery } from '../workflows/messages.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);
// A valid Chinese mobile number no other run of this suite has used.
const digits = String(Date.now()).slice(-8);
const phone = { spelled: `+86 138 ${digits.slice(0, 4)} ${digits.slice(4)}`, e164: `+86138${digits}` };

beforeAll(async () => {
  api = await startHarness(`e2e-merge-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

const paths = (response: { body: { errors?: { path: string }[] } }) => (response.body.errors ?? []).map((e) => e.path);

describe('events by identity', () => {
  const email = `nova-${unique}@example.com`;
  let customerId: string;

  it('an event for an identity never seen creates a customer who owns it', async () => {
    const sent = await api.call('POST', '/v1/events', { eventId: `nova-1-${unique}`, identity: { kind: 'email', value: ` ${email.toUpperCase()} ` }, type: 'newsletter.opened' });
    expect(sent.status).toBe(202);
    expect(sent.body).toMatchObject({ eventId: `nova-1-${unique}`, status: 'accepted', customerId: expect.stringMatching(/^c-[0-9a-f-]{36}$/) });
    customerId = sent.body.customerId;
    const customer = (await api.call('GET', `/v1/customers/${customerId}`)).body;
    expect(customer).toMatchObject({ id: customerId, email, mergedInto: null, identities: [{ kind: 'email', value: email }] });
    expect((await EventModel.findOne({ eventId: `nova-1-${unique}` }).lean())?.customerId).toBe(customerId);
  });

  it('the same identity again, and a retried event, reach the same customer', async () => {
    const again = await api.call('POST', '/v1/events', { eventId: `nova-2-${unique}`, identity: { kind: 'email', value: email }, type: 'newsletter.opened' });
    expect(again.body).toMatchObject({ status: 'accepted', customerId });
    // Once its lifecycle has applied it; until then a retry hands it over again (and is applied once).
    const retried = await eventually(
      () => api.call('POST', '/v1/events', { eventId: `nova-1-${unique}`, identity: { kind: 'email', value: email }, type: 'newsletter.opened' }),
      (r) => r.body.status === 'duplicate',
      { what: 'the retried event reported applied' },
    );
    expect(retried.body).toMatchObject({ status: 'duplicate', customerId });
    expect(await IdentityModel.countDocuments({ customerId })).toBe(1);
  });

  it('400 unless exactly one of customerId and identity, or for a malformed identity; nothing recorded', async () => {
    const eventId = `bad-identity-${unique}`;
    const both = await api.call('POST', '/v1/events', { eventId, customerId: 'x', identity: { kind: 'email', value: email }, type: 'order.placed' });
    const neither = await api.call('POST', '/v1/events', { eventId, type: 'order.placed' });
    const badPhone = await api.call('POST', '/v1/events', { eventId, identity: { kind: 'phone', value: '138 0013 8000' }, type: 'order.placed' });
    const noSystem = await api.call('POST', '/v1/events', { eventId, identity: { kind: 'external', value: 'C-1' }, type: 'order.placed' });
    const reserved = await api.call('POST', '/v1/events', { eventId, customerId: 'x', type: 'customer.merged' });
    expect([both, neither, badPhone, noSystem, reserved].map((r) => r.status)).toEqual([400, 400, 400, 400, 400]);
    expect([both, neither, badPhone, noSystem, reserved].map(paths)).toEqual([['customerId'], ['customerId'], ['identity.value'], ['identity.system'], ['type']]);
    expect(badPhone.body.errors[0].message).toContain('country code');
    expect(await EventModel.countDocuments({ eventId })).toBe(0);
  });
});

describe('identities on the profile', () => {
  const ada = `ada-${unique}`;
  const bob = `bob-${unique}`;
  const crmId = { kind: 'external', system: 'crm', value: `C-${unique}` };

  it('PUT claims the listed identities and the profile email and phone, normalised', async () => {
    const created = await api.call('PUT', `/v1/customers/${ada}`, { email: `Ada-${unique}@Example.com`, phone: phone.spelled, identities: [{ ...crmId, system: ' CRM ' }] });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe(phone.e164);
    expect(created.body.identities).toEqual([
      { kind: 'email', value: `ada-${unique}@example.com` },
      crmId,
      { kind: 'phone', value: phone.e164 },
    ]);
    // Claiming what the customer already has is no change.
    expect((await api.call('PUT', `/v1/customers/${ada}`, { identities: [crmId, { kind: 'phone', value: phone.e164 }] })).status).toBe(200);
    expect((await api.call('POST', '/v1/events', { identity: { kind: 'phone', value: phone.e164 }, type: 'newsletter.opened' })).body.customerId).toBe(ada);
  });

  it('409 naming an identity another customer owns, and nothing changed', async () => {
    const taken = await api.call('PUT', `/v1/customers/${bob}`, { name: 'Bob', identities: [{ kind: 'wechat', value: `wx-${unique}` }, crmId] });
    expect(taken.status).toBe(409);
    expect(taken.type).toContain('application/problem+json');
    expect(taken.body).toMatchObject({ title: 'Identity taken', identity: crmId, customerId: ada });
    expect(taken.body.detail).toBe(`The external crm "C-${unique}" belongs to customer "${ada}".`);
    expect((await api.call('GET', `/v1/customers/${bob}`)).status).toBe(404);
    expect(await IdentityModel.findById(`wechat:wx-${unique}`).lean()).toBeNull();

    await api.call('PUT', `/v1/customers/${bob}`, { name: 'Bob' });
    const email = await api.call('PUT', `/v1/customers/${bob}`, { name: 'Robert', email: `ada-${unique}@example.com` });
    expect(email.status).toBe(409);
    expect((await api.call('GET', `/v1/customers/${bob}`)).body).toMatchObject({ name: 'Bob', identities: [] });
    expect((await api.call('GET', `/v1/customers/${ada}`)).body.identities).toHaveLength(3);
  });

  it('400 naming the field of a malformed identity', async () => {
    const bad = await api.call('PUT', `/v1/customers/${bob}`, { identities: [{ kind: 'wechat', value: 'ok' }, { kind: 'phone', value: '+1 415 555 01000' }], phone: '0086 138' });
    expect(bad.status).toBe(400);
    expect(paths(bad).sort()).toEqual(['identities.1.value', 'phone']);
    expect((await api.call('GET', `/v1/customers/${bob}`)).body.identities).toEqual([]);
  });
});

describe('merging two customers', () => {
  const survivor = `keep-${unique}`;
  const other = `fold-${unique}`;
  const otherEmail = `fold-${unique}@example.com`;
  const wechat = `wx-fold-${unique}`;
  const lifecycleState = (id: string) => api.client.workflow.getHandle(lifecycleWorkflowId(id)).query(lifecycleStateQuery);

  it('sets up: the other has an identity, events, a lifecycle and running journeys', async () => {
    await api.call('PUT', `/v1/customers/${survivor}`, { email: `keep-${unique}@example.com`, name: 'Keep' });
    await api.call('PUT', `/v1/customers/${other}`, { email: otherEmail, name: 'Fold', identities: [{ kind: 'wechat', value: wechat }] });
    await api.call('POST', '/v1/events', { eventId: `fold-registered-${unique}`, customerId: other, type: 'customer.registered' });
    await api.call('POST', '/v1/events', { eventId: `fold-order-${unique}`, customerId: other, type: 'order.placed', properties: { orderTotal: 120 } });
    await eventually(() => lifecycleState(other), (state) => state.eventsApplied === 2, { what: "the other's lifecycle applying both events" });
    const welcome = await eventually(
      () => api.call('GET', `/v1/journeys/welcome/runs/${other}`),
      (r) => r.body.status === 'RUNNING' && r.body.currentStep === 'give-time',
      { what: "the other's welcome run waiting" },
    );
    expect(welcome.body.outcome).toBeNull();
    expect((await api.call('POST', '/v1/journeys/nurture/enrollments', { customerId: other })).status).toBe(201);
    // The survivor opted in to email; later, as the other customer, the person opted out and wrote an angry message.
    await api.call('PUT', `/v1/customers/${survivor}/consent`, { channel: 'email', status: 'opted_in' });
    await api.call('PUT', `/v1/customers/${other}/consent`, { channel: 'email', status: 'opted_out' });
    await api.call('POST', '/v1/events', { eventId: `fold-angry-${unique}`, customerId: other, type: 'customer.interacted', properties: { text: 'I am really angry, the parcel arrived broken again' } });
    await eventually(() => api.call('GET', `/v1/tasks?requestedQueue=urgent-review&customerId=${other}`), (r) => r.body.tasks.length === 1, { what: "the other's urgent review" });
  });

  it('400 into itself, 404 for an unknown customer on either side; nothing changed', async () => {
    const self = await api.call('POST', `/v1/customers/${other}/merge`, { otherId: other });
    expect(self.status).toBe(400);
    expect(paths(self)).toEqual(['otherId']);
    expect((await api.call('POST', `/v1/customers/${survivor}/merge`, { otherId: `ghost-${unique}` })).status).toBe(404);
    expect((await api.call('POST', `/v1/customers/ghost-${unique}/merge`, { otherId: other })).status).toBe(404);
    expect(paths(await api.call('POST', `/v1/customers/${survivor}/merge`, {}))).toEqual(['otherId']);
    expect((await api.call('GET', `/v1/customers/${other}`)).body).toMatchObject({ mergedInto: null, identities: expect.arrayContaining([{ kind: 'wechat', value: wechat }]) });
    expect((await api.call('GET', `/v1/journeys/welcome/runs/${other}`)).body.status).toBe('RUNNING');
  });

  it("moves the other's identities and events to the survivor, ends their runs and their lifecycle", async () => {
    const merged = await api.call('POST', `/v1/customers/${survivor}/merge`, { otherId: other });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: survivor, name: 'Keep', mergedInto: null });
    expect(merged.body.identities).toEqual([
      { kind: 'email', value: otherEmail },
      { kind: 'email', value: `keep-${unique}@example.com` },
      { kind: 'wechat', value: wechat },
    ]);

    // The person's latest word on email (the opt-out) and their open urgent review go with them.
    const kept = (await api.call('GET', `/v1/customers/${survivor}`)).body;
    expect(kept.consent.email).toMatchObject({ status: 'opted_out', source: `merge:${other}` });
    expect((await api.call('GET', `/v1/tasks?requestedQueue=urgent-review&status=open&customerId=${survivor}`)).body.tasks).toHaveLength(1);
    const folded = (await api.call('GET', `/v1/customers/${other}`)).body;
    expect(folded).toMatchObject({ id: other, mergedInto: survivor, mergedAt: expect.any(String), identities: [], orders: 1, totalValue: 120 });
    expect(await api.client.workflow.getHandle(journeyWorkflowId('welcome', other)).result()).toBe('exited');
    expect((await api.call('GET', `/v1/journeys/welcome/runs/${other}`)).body).toMatchObject({ status: 'COMPLETED', outcome: 'exited', reason: `merged into customer ${survivor}` });
    // Their other runs (entered by hand and by the order) end the same way.
    for (const journeyId of ['nurture', 'repurchase-vip']) {
      const run = await eventually(() => api.call('GET', `/v1/journeys/${journeyId}/runs/${other}`), (r) => r.body.status === 'COMPLETED', { what: `the ${journeyId} run ending` });
      expect(run.body).toMatchObject({ outcome: 'exited', reason: `merged into customer ${survivor}` });
    }
    const lifecycle = await api.client.workflow.getHandle(lifecycleWorkflowId(other)).describe();
    expect(lifecycle.status.name).toBe('TERMINATED');

    const events = await EventModel.find({ eventId: { $in: [`fold-registered-${unique}`, `fold-order-${unique}`] } }).lean();
    expect(events.map((e) => e.customerId)).toEqual([survivor, survivor]);
    const mergeEvent = await EventModel.findById(`merge:${other}`).lean();
    expect(mergeEvent).toMatchObject({ eventId: `merge:${other}`, customerId: survivor, type: 'customer.merged' });
    expect(mergeEvent?.properties).toMatchObject({ otherId: other, orders: 1, totalValue: 120, lastInteractionAt: expect.any(String) });
    const state = await eventually(() => lifecycleState(survivor), (st) => st.eventsApplied === 1, { what: "the survivor's lifecycle applying customer.merged" });
    // The lifecycle marks what it applied: a retried merge finds the event applied and hands over nothing.
    await eventually(() => EventModel.findById(`merge:${other}`).lean(), (e) => e?.appliedAt instanceof Date, { what: 'customer.merged marked applied' });
    // The other's order counts for the survivor from now on (orders and value drive high value).
    expect(state.facts).toMatchObject({ orders: 1, totalValue: 120 });
  });

  it('409 when the other was merged already, or into a merged customer; nothing changed', async () => {
    const twice = await api.call('POST', `/v1/customers/${survivor}/merge`, { otherId: other });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ title: 'Customer already merged', mergedInto: survivor });
    const into = await api.call('POST', `/v1/customers/${other}/merge`, { otherId: survivor });
    expect(into.status).toBe(409);
    expect((await api.call('GET', `/v1/customers/${survivor}`)).body.mergedInto).toBeNull();
    expect((await api.call('PUT', `/v1/customers/${other}`, { name: 'Again' })).status).toBe(409);
    expect(await EventModel.countDocuments({ eventId: `merge:${other}` })).toBe(1);
  });

  it("events for the other's id or identities reach the survivor's lifecycle from now on", async () => {
    const occurredAt = new Date().toISOString();
    const byId = await api.call('POST', '/v1/events', { eventId: `after-merge-${unique}`, customerId: other, type: 'customer.interacted', occurredAt, properties: { text: 'hello again' } });
    expect(byId.body).toMatchObject({ status: 'accepted', customerId: survivor });
    expect((await EventModel.findOne({ eventId: `after-merge-${unique}` }).lean())?.customerId).toBe(survivor);
    const byIdentity = await api.call('POST', '/v1/events', { identity: { kind: 'wechat', value: wechat }, type: 'newsletter.opened' });
    expect(byIdentity.body.customerId).toBe(survivor);

    await eventually(() => lifecycleState(survivor), (state) => state.eventsApplied === 3, { what: "the survivor's lifecycle applying both events" });
    const customer = await eventually(
      () => api.call('GET', `/v1/customers/${survivor}`),
      (r) => r.body.lastInteractionAt === occurredAt,
      { what: "the survivor's last interaction" },
    );
    expect(customer.body.id).toBe(survivor);
    expect((await api.client.workflow.getHandle(lifecycleWorkflowId(other)).describe()).status.name).toBe('TERMINATED');
  });
});

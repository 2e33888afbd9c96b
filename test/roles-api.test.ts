import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { StageRuleVersionModel } from '../store/models/stage-rule-version.js';
import { TaskModel } from '../store/models/task.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { addPeople, type Answer, PASSWORD, send, type Session, signIn, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const keys = { admin: `admin-key-${unique}-0123456789`, shop: `shop-key-${unique}-0123456789`, wall: `wall-key-${unique}-0123456789` };

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
const as: Record<string, Session> = {};
const customerId = `roles-${unique}`;
// A number of this run's own: other suites share the store, and an identity belongs to one customer.
const middle = String(Date.now() % 10_000).padStart(4, '0');
const phone = `+86138${middle}8000`;

beforeAll(async () => {
  api = await startHarness(`roles-${unique}`);
  app = await startApiWithKeys(api, [
    { name: 'ops', key: keys.admin, role: 'admin' },
    { name: 'shop', key: keys.shop, role: 'agent' },
    { name: 'wall', key: keys.wall, role: 'viewer' },
  ]);
  const people = await addPeople(`r-${unique}`);
  for (const [role, name] of Object.entries(people)) as[role] = await signIn(app.baseUrl, name, PASSWORD);
  const profile = { name: 'Chen Wei', email: `chen.${unique}@example.com`, phone, identities: [{ kind: 'wechat', value: `wxid_${unique}` }] };
  expect((await send(app.baseUrl, 'PUT', `/v1/customers/${customerId}`, { key: keys.admin, body: profile })).status).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

/** A request as the person with this role, with their cookie and CSRF token. */
const asPerson = (role: string, method: string, path: string, body?: unknown) => send(app.baseUrl, method, path, { body, cookie: as[role]!.cookie, csrf: as[role]!.csrf });

const expectForbidden = (answer: Answer, needed: string) => {
  expect(answer.status).toBe(403);
  expect(answer.type).toContain('application/problem+json');
  expect(answer.body).toMatchObject({ title: 'Forbidden', requiredRole: needed });
  expect(answer.body.detail).toContain(`needs the role "${needed}"`);
};

describe('a viewer reads, with personal data masked, and changes nothing', () => {
  it('sees the customer with email, phone, name and contact identities masked', async () => {
    for (const answer of [await asPerson('viewer', 'GET', `/v1/customers/${customerId}`), await send(app.baseUrl, 'GET', `/v1/customers/${customerId}`, { key: keys.wall })]) {
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: customerId, name: 'C•••', email: 'c•••@example.com', phone: '+86 138****8000' });
      const values = answer.body.identities.map((i: { value: string }) => i.value);
      expect(values).toEqual(expect.arrayContaining(['c•••@example.com', '+86 138****8000', 'w•••']));
      expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`chen\\.|${phone.slice(1)}|wxid_`));
    }
    // An agent sees them.
    expect((await asPerson('agent', 'GET', `/v1/customers/${customerId}`)).body.email).toBe(`chen.${unique}@example.com`);
  });

  it('403 naming "agent" for a stage change, consent and an event; nothing stored', async () => {
    const events = await EventModel.countDocuments({ customerId });
    expectForbidden(await asPerson('viewer', 'POST', `/v1/customers/${customerId}/stage`, { stage: 'cold', reason: 'test' }), 'agent');
    expectForbidden(await asPerson('viewer', 'PUT', `/v1/customers/${customerId}/consent`, { channel: 'email', status: 'opted_in' }), 'agent');
    expectForbidden(await send(app.baseUrl, 'POST', '/v1/events', { key: keys.wall, body: { customerId, type: 'customer.interacted' } }), 'agent');
    expect(await EventModel.countDocuments({ customerId })).toBe(events);
    expect((await CustomerModel.findById(customerId).lean())?.consent?.email).toBeFalsy();
  });
});

describe('an agent works the inbox and acts on customers, but not on rules, merges or people', () => {
  it('sets a stage and completes a task', async () => {
    expect((await asPerson('agent', 'POST', `/v1/customers/${customerId}/stage`, { stage: 'active', reason: 'test' })).status).toBe(202);
    const taskId = `roles-task-${unique}`;
    await TaskModel.create({ _id: taskId, taskKey: taskId, customerId, title: 'Call back', queue: 'support', dueAt: new Date() });
    expect((await send(app.baseUrl, 'POST', `/v1/tasks/${taskId}/complete`, { key: keys.shop, body: { outcome: 'called' } })).status).toBe(200);
  });

  it('403 naming "admin" for stage rules, a merge, the audit log and the people; nothing changed', async () => {
    const versions = await StageRuleVersionModel.countDocuments();
    expectForbidden(await asPerson('agent', 'POST', '/v1/stage-rules', { highValue: { orders: 3, totalValue: 1000 }, sensitive: [] }), 'admin');
    expectForbidden(await send(app.baseUrl, 'POST', '/v1/stage-rules', { key: keys.shop, body: { highValue: { orders: 3, totalValue: 1000 }, sensitive: [] } }), 'admin');
    expect(await StageRuleVersionModel.countDocuments()).toBe(versions);
    const other = `roles-other-${unique}`;
    await send(app.baseUrl, 'PUT', `/v1/customers/${other}`, { key: keys.admin, body: { name: 'Other' } });
    expectForbidden(await asPerson('marketer', 'POST', `/v1/customers/${customerId}/merge`, { otherId: other }), 'admin');
    expect((await CustomerModel.findById(other).lean())?.mergedInto).toBeUndefined();
    expectForbidden(await asPerson('agent', 'GET', '/v1/audit'), 'admin');
    expectForbidden(await send(app.baseUrl, 'GET', '/v1/users', { key: keys.shop }), 'admin');
  });
});

describe('a marketer may do what an agent may; an admin everything', () => {
  it('a marketer enrols a customer in a journey', async () => {
    const enrolled = await asPerson('marketer', 'POST', '/v1/journeys/nurture/enrollments', { customerId });
    expect(enrolled.status).toBe(201);
  });

  it('an admin reads the people (no password hashes) and the audit log; an admin key too', async () => {
    const users = await asPerson('admin', 'GET', '/v1/users');
    expect(users.status).toBe(200);
    expect(users.body.users).toEqual(expect.arrayContaining([{ name: `viewer-r-${unique}`, role: 'viewer', createdAt: expect.any(String), disabled: false }]));
    expect(JSON.stringify(users.body)).not.toContain('scrypt');
    expect((await send(app.baseUrl, 'GET', '/v1/audit', { key: keys.admin })).status).toBe(200);
  });

  it('TIDEWAY_API_KEY keys (bare strings) stay admin keys', async () => {
    expect((await api.call('GET', '/v1/audit')).status).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';
import { EventModel } from '../store/models/event.js';
import { type Harness, startHarness } from './support/api-harness.js';

let api: Harness;
const unique = Date.now().toString(36);
const put = (id: string, body: unknown) => api.call('PUT', `/v1/customers/${id}`, body);

beforeAll(async () => {
  api = await startHarness(`attributes-${unique}`);
});

afterAll(async () => {
  await api?.close();
});

describe('PUT /v1/customers/:id with custom attributes (real API and store)', () => {
  const id = `attrs-${unique}`;

  it('stores declared attributes with their derived anniversaries and dates, and the GET returns them', async () => {
    const created = await put(id, { name: 'Ada', attributes: { birthday: '1992-02-29', plan: 'basic', interests: ['coffee', 'tea'] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ attributes: { birthday: '1992-02-29', plan: 'basic', interests: ['coffee', 'tea'] }, anniversaries: ['birthday:02-29'], dates: ['birthday:1992-02-29'] });
    const read = await api.call('GET', `/v1/customers/${id}`);
    expect(read.body).toMatchObject({ name: 'Ada', attributes: created.body.attributes, anniversaries: ['birthday:02-29'] });
  });

  it('merges with the stored attributes; null removes one, and the derived fields follow in the same write', async () => {
    const updated = await put(id, { attributes: { plan: 'pro', contractRenewal: '2027-01-31', interests: null } });
    expect(updated.status).toBe(200);
    expect(updated.body.attributes).toEqual({ birthday: '1992-02-29', plan: 'pro', contractRenewal: '2027-01-31' });
    expect(updated.body.anniversaries).toEqual(['birthday:02-29', 'contractRenewal:01-31']);
    expect(updated.body.dates).toEqual(['birthday:1992-02-29', 'contractRenewal:2027-01-31']);
    const removed = await put(id, { attributes: { birthday: null } });
    expect(removed.body.attributes).toEqual({ plan: 'pro', contractRenewal: '2027-01-31' });
    // What segments and date entries query: the indexed field in the store.
    expect(await CustomerModel.exists({ _id: id, anniversaries: 'contractRenewal:01-31' })).toBeTruthy();
    expect(await CustomerModel.exists({ _id: id, anniversaries: 'birthday:02-29' })).toBeNull();
    // A profile write without attributes leaves them alone.
    expect((await put(id, { name: 'Ada L.' })).body).toMatchObject({ name: 'Ada L.', attributes: { plan: 'pro', contractRenewal: '2027-01-31' } });
  });

  it('400 naming the field for a date that is not a date, a wrong type or an undeclared attribute; nothing changes', async () => {
    const before = await CustomerModel.findById(id).lean();
    const bad = await put(id, { name: 'Changed', attributes: { birthday: '2026-13-40', contractRenewal: '2026-02-30', plan: 7, shoeSize: 42 } });
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/problem+json');
    expect(bad.body.detail).toContain('attributes.birthday: "2026-13-40" is not a date (YYYY-MM-DD)');
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['attributes.birthday', 'attributes.contractRenewal', 'attributes.plan', 'attributes.shoeSize']);
    expect(bad.body.errors[1].message).toBe('"2026-02-30" is not a date (YYYY-MM-DD)');
    expect(bad.body.errors[3].message).toMatch(/^not a declared attribute/);
    const after = await CustomerModel.findById(id).lean();
    expect(after).toMatchObject({ name: before!.name, attributes: before!.attributes, anniversaries: before!.anniversaries });
    // A value of no attribute type at all is refused by the schema, with the field.
    const object = await put(id, { attributes: { plan: { level: 2 } } });
    expect(object.status).toBe(400);
    expect(object.body.errors[0].path).toBe('attributes.plan');
    // A new customer with a bad attribute is not created.
    expect((await put(`attrs-none-${unique}`, { attributes: { birthday: '30.02.1990' } })).status).toBe(400);
    expect(await CustomerModel.exists({ _id: `attrs-none-${unique}` })).toBeNull();
  });

  it('concurrent attribute changes all land', async () => {
    const many = `attrs-many-${unique}`;
    await put(many, { name: 'Many' });
    const answers = await Promise.all([put(many, { attributes: { plan: 'pro' } }), put(many, { attributes: { birthday: '1990-03-14' } }), put(many, { attributes: { interests: ['tea'] } })]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(await CustomerModel.findById(many, { attributes: 1, anniversaries: 1, _id: 0 }).lean()).toEqual({ attributes: { plan: 'pro', birthday: '1990-03-14', interests: ['tea'] }, anniversaries: ['birthday:03-14'] });
  });

  it('a preview for the customer shows their attributes and latest orders', async () => {
    const shopper = `attrs-shop-${unique}`;
    await put(shopper, { name: 'Bo', locale: 'en', attributes: { interests: ['hiking'] } });
    const order = (n: number, at: string, items: object[]) => ({ _id: `${shopper}-o${n}`, eventId: `${shopper}-o${n}`, customerId: shopper, type: 'order.placed', occurredAt: new Date(at), receivedAt: new Date(at), appliedAt: new Date(at), properties: { orderId: `o${n}`, items } });
    await EventModel.create([
      order(1, '2026-01-01T00:00:00Z', [{ name: 'Old boots', category: 'Shoes' }]),
      order(2, '2026-02-01T00:00:00Z', [{ name: 'Trail tent', category: 'Camping' }, { name: 'Stove', category: 'Cooking' }]),
    ]);
    const { status, body } = await api.call('GET', `/v1/journeys/purchase-recommendation/previews?customerId=${shopper}`);
    expect(status).toBe(200);
    const [message] = body.messages;
    expect(message.error).toBeUndefined();
    expect(message.subject).toBe('More Camping picked for you, Bo');
    expect(message.text).toContain('your Trail tent');
    expect(message.text).toContain('Camping and Cooking');
    expect(message.text).toContain('hiking');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { send, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const prefix = `srch-${unique}`;
const viewerKey = `search-viewer-${unique}-0123456789`;
// A number of this run's own: other suites share the store, and an identity belongs to one customer.
const middle = String(Date.now() % 10_000).padStart(4, '0');
const phone = `+86139${middle}7000`;

let api: Harness;
let wall: { baseUrl: string; close(): Promise<void> };
const ids = { ada: `${prefix}-a`, bo: `${prefix}-b`, cy: `${prefix}-c`, merged: `${prefix}-m` };
const list = async (query: string) => api.call('GET', `/v1/customers?${query}`);
const idsOf = (body: { customers: { id: string }[] }) => body.customers.map((c) => c.id);

beforeAll(async () => {
  api = await startHarness(`search-${unique}`);
  wall = await startApiWithKeys(api, [{ name: 'wall', key: viewerKey, role: 'viewer' }]);
  expect((await api.call('PUT', `/v1/customers/${ids.ada}`, { name: `Ada Lovelace ${unique}`, email: `ada.${unique}@example.com`, phone, tags: ['vip', 'beta'] })).status).toBe(201);
  expect((await api.call('PUT', `/v1/customers/${ids.bo}`, { name: `Bo (Chen) ${unique}`, email: `bo.${unique}@example.com`, tags: ['beta'] })).status).toBe(201);
  expect((await api.call('PUT', `/v1/customers/${ids.cy}`, { name: `Cy Ada ${unique}` })).status).toBe(201);
  expect((await api.call('PUT', `/v1/customers/${ids.merged}`, { name: `Ada Merged ${unique}` })).status).toBe(201);
  // Stage and health as the lifecycle keeps them, written here to keep the test about the search.
  await CustomerModel.updateOne({ _id: ids.ada }, { $set: { stage: 'active', health: { score: 82 }, lastInteractionAt: new Date('2026-01-02T03:04:05Z') } });
  await CustomerModel.updateOne({ _id: ids.bo }, { $set: { stage: 'silent', health: { score: 35 } } });
  await CustomerModel.updateOne({ _id: ids.cy }, { $set: { stage: 'active', health: { score: 55 } } });
  await CustomerModel.updateOne({ _id: ids.merged }, { $set: { stage: 'active', mergedInto: ids.ada, mergedAt: new Date() } });
});

afterAll(async () => {
  await wall?.close();
  await api?.close();
});

describe('GET /v1/customers searches by id, identity, name, stage, tag and health', () => {
  it('lists by id prefix, sorted by id, with the fields the console shows; merged customers left out', async () => {
    const { status, body } = await list(`q=${prefix}`);
    expect(status).toBe(200);
    expect(idsOf(body)).toEqual([ids.ada, ids.bo, ids.cy]);
    expect(body.total).toBe(3);
    expect(body.next).toBeNull();
    expect(body.customers[0]).toEqual({
      id: ids.ada,
      name: `Ada Lovelace ${unique}`,
      email: `ada.${unique}@example.com`,
      phone,
      stage: 'active',
      health: { score: 82 },
      tags: ['vip', 'beta'],
      lastInteractionAt: '2026-01-02T03:04:05.000Z',
      updatedAt: expect.any(String),
    });
  });

  it('finds a customer by an exact email or phone in any usual spelling, through the identities', async () => {
    expect(idsOf((await list(`q=${encodeURIComponent(` BO.${unique}@Example.com`)}`)).body)).toEqual([ids.bo]);
    const spaced = `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`;
    expect(idsOf((await list(`q=${encodeURIComponent(spaced)}`)).body)).toEqual([ids.ada]);
  });

  it('matches part of a name in any case, with regex characters taken literally', async () => {
    expect(idsOf((await list(`q=${encodeURIComponent(`ada`)}&tag=beta`)).body)).toContain(ids.ada);
    const byName = idsOf((await list(`q=${encodeURIComponent(`ADA LOVELACE ${unique}`)}`)).body);
    expect(byName).toEqual([ids.ada]);
    expect(idsOf((await list(`q=${encodeURIComponent(`(chen) ${unique}`)}`)).body)).toEqual([ids.bo]);
    // `.*` is not a pattern: it matches no name here.
    expect(idsOf((await list(`q=${encodeURIComponent(`.* ${unique}`)}`)).body)).toEqual([]);
  });

  it('filters by stage, tag and health range together', async () => {
    expect(idsOf((await list(`q=${prefix}&stage=active`)).body)).toEqual([ids.ada, ids.cy]);
    expect(idsOf((await list(`q=${prefix}&tag=beta`)).body)).toEqual([ids.ada, ids.bo]);
    expect(idsOf((await list(`q=${prefix}&healthMin=40&healthMax=60`)).body)).toEqual([ids.cy]);
    expect(idsOf((await list(`q=${prefix}&stage=active&healthMin=60&tag=vip`)).body)).toEqual([ids.ada]);
  });

  it('pages by id with a cursor', async () => {
    const first = await list(`q=${prefix}&limit=2`);
    expect(idsOf(first.body)).toEqual([ids.ada, ids.bo]);
    expect(first.body.next).toBe(ids.bo);
    const second = await list(`q=${prefix}&limit=2&after=${encodeURIComponent(first.body.next)}`);
    expect(idsOf(second.body)).toEqual([ids.cy]);
    expect(second.body.next).toBeNull();
    expect(second.body.total).toBe(3);
  });

  it('400 for a bad stage (naming the stages), a bad limit or an unknown parameter', async () => {
    const badStage = await list('stage=frozen');
    expect(badStage.status).toBe(400);
    expect(badStage.type).toContain('application/problem+json');
    expect(badStage.body.errors[0]).toMatchObject({ path: 'stage' });
    expect(badStage.body.errors[0].message).toContain('new, nurturing, active, silent, returning, high_value, cold');
    expect((await list('limit=0')).status).toBe(400);
    expect((await list('healthMin=70&healthMax=20')).status).toBe(400);
    expect((await list('colour=red')).status).toBe(400);
  });

  it('masks names, emails and phones for a viewer', async () => {
    const answer = await send(wall.baseUrl, 'GET', `/v1/customers?q=${prefix}`, { key: viewerKey });
    expect(answer.status).toBe(200);
    expect(answer.body.customers[0]).toMatchObject({ id: ids.ada, name: 'A•••', email: 'a•••@example.com', phone: '+86 139****7000' });
    expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`Lovelace|ada\\.${unique}|${phone.slice(1)}`));
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageRulesRollbackWorkflowId } from '../domain/workflow-ids.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { eventually } from './support/eventually.js';

let api: Harness;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`e2e-stage-rules-${unique}`);
});

afterAll(async () => {
  // Later suites share the store: leave the built-in rules in force whatever happened here.
  for (;;) {
    const { active } = (await api.call('GET', '/v1/stage-rules')).body;
    if (!active || active === 'stage-rules@1') break;
    await api.call('POST', '/v1/stage-rules/rollback', { version: active });
  }
  await api?.close();
});

const customer = (id: string) => api.call('GET', `/v1/customers/${id}`).then((r) => r.body);
const stageIs = (id: string, stage: string, what: string) => eventually(() => customer(id), (c) => c.stage === stage, { what, timeoutMs: 30_000 });
async function order(id: string, times: number) {
  for (let i = 0; i < times; i++) await api.call('POST', '/v1/events', { customerId: id, type: 'order.placed', properties: { orderTotal: 100 } });
}
const pendingApprovalOf = (id: string) =>
  eventually(() => api.call('GET', '/v1/approvals'), (r) => r.body.approvals.some((a: { customerId: string }) => a.customerId === id), { what: `an approval for ${id}` }).then((r) =>
    r.body.approvals.find((a: { customerId: string }) => a.customerId === id),
  );

describe('stage rule versions (real stack)', () => {
  const early = `rules-early-${unique}`; // two orders under version 1, a third under version 2
  const fresh = `rules-fresh-${unique}`; // three orders, all under version 2
  const byHand = `rules-hand-${unique}`; // set to high value by a person while version 2 was in force

  it('a published version applies going forward, and its changes carry its version', async () => {
    const before = await api.call('GET', '/v1/stage-rules');
    expect(before.body).toMatchObject({ active: 'stage-rules@1', versions: [{ version: 'stage-rules@1', highValue: { orders: 5, totalValue: 10_000 } }] });
    await order(early, 2);
    await eventually(() => customer(early), (c) => c.orders === 2 && c.stage === 'active', { what: 'two orders under version 1' });

    expect((await api.call('POST', '/v1/stage-rules', { highValue: { orders: 0, totalValue: -1 }, sensitive: [] })).status).toBe(400);
    const published = await api.call('POST', '/v1/stage-rules', { highValue: { orders: 3, totalValue: 10_000 }, sensitive: [{ from: 'high_value', to: 'cold' }], note: 'VIP from the third order' });
    expect(published).toMatchObject({ status: 201, body: { version: 'stage-rules@2', highValue: { orders: 3 } } });
    expect((await api.call('GET', '/v1/stage-rules')).body.active).toBe('stage-rules@2');

    // The customer with two orders is not moved by the publication itself, only by their next order.
    expect((await customer(early)).stage).toBe('active');
    await order(early, 1);
    const moved = await stageIs(early, 'high_value', 'the third order under version 2');
    expect(moved.stageHistory.at(-1)).toMatchObject({ from: 'active', to: 'high_value', ruleVersion: 'stage-rules@2', source: 'event:order.placed' });

    await order(fresh, 3);
    await stageIs(fresh, 'high_value', 'three orders under version 2');
    await api.call('PUT', `/v1/customers/${byHand}`, { name: 'Hand' });
    await api.call('POST', `/v1/customers/${byHand}/stage`, { stage: 'high_value', reason: 'key account' });
    await stageIs(byHand, 'high_value', 'set by hand');
  });

  it('rolling back re-evaluates the customers the version moved, and only those', async () => {
    expect((await api.call('POST', '/v1/stage-rules/rollback', { version: 'stage-rules@1' })).status).toBe(409);
    expect((await api.call('POST', '/v1/stage-rules/rollback', { version: 'stage-rules@99' })).status).toBe(404);
    expect((await api.call('POST', '/v1/stage-rules/rollback', { version: 'latest' })).status).toBe(400);

    const rollback = await api.call('POST', '/v1/stage-rules/rollback', { version: 'stage-rules@2' });
    expect(rollback).toMatchObject({ status: 202, body: { rolledBack: 'stage-rules@2', active: 'stage-rules@1', reevaluation: stageRulesRollbackWorkflowId('stage-rules@2') } });
    const progress = await api.client.workflow.getHandle(rollback.body.reevaluation).result();
    expect(progress).toMatchObject({ rolledBack: 'stage-rules@2', done: true, moved: 2 });
    expect(progress.examined).toBeGreaterThanOrEqual(3);

    for (const id of [early, fresh]) {
      // The re-evaluation asks each customer's lifecycle, the one writer of the stage, to move them back.
      const back = await stageIs(id, 'active', `${id} moved back`);
      expect(back.stageHistory.at(-1)).toMatchObject({ from: 'high_value', to: 'active', source: 'rollback:stage-rules@2', ruleVersion: 'stage-rules@1' });
      expect(back.stageHistory.at(-1).reason).toContain("below stage-rules@1's thresholds");
    }
    expect((await customer(byHand)).stage).toBe('high_value');

    // A retried rollback changes nothing more; version 1's thresholds apply to the next order.
    expect((await api.call('POST', '/v1/stage-rules/rollback', { version: 'stage-rules@2' })).status).toBe(202);
    await order(early, 1);
    await eventually(() => customer(early), (c) => c.orders === 4, { what: 'the fourth order' });
    expect((await customer(early)).stage).toBe('active');
    const versions = (await api.call('GET', '/v1/stage-rules')).body.versions;
    expect(versions[0]).toMatchObject({ version: 'stage-rules@2', rolledBackAt: expect.any(String), note: 'VIP from the third order' });
  });
});

describe('sensitive stage changes wait for approval', () => {
  it('high value → cold applies only once approved, then starts the cold pool journey', async () => {
    const vip = `vip-cold-${unique}`;
    await order(vip, 5);
    await stageIs(vip, 'high_value', 'five orders');
    await api.call('POST', `/v1/customers/${vip}/stage`, { stage: 'cold', reason: 'no answer for a year' });
    const approval = await pendingApprovalOf(vip);
    expect(approval).toMatchObject({ kind: 'stage-change', stageChange: { from: 'high_value', to: 'cold', source: 'api' } });
    expect((await customer(vip)).stage).toBe('high_value');

    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'approved' })).body.status).toBe('approved');
    const cold = await stageIs(vip, 'cold', 'the approved move to cold');
    expect(cold.stageHistory.at(-1)).toMatchObject({ from: 'high_value', to: 'cold', reason: 'no answer for a year', source: 'api (approved)' });
    await eventually(() => api.call('GET', `/v1/journeys/cold-reactivation/runs/${vip}`), (r) => r.status === 200, { what: 'the cold pool journey' });
    // The same decision again completes nothing twice; a different one is refused.
    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'approved' })).status).toBe(200);
    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'rejected' })).status).toBe(409);
    expect((await customer(vip)).stageHistory.filter((h: { to: string }) => h.to === 'cold')).toHaveLength(1);
  });

  it('a rejected change leaves the customer where they were', async () => {
    const vip = `vip-kept-${unique}`;
    await order(vip, 5);
    await stageIs(vip, 'high_value', 'five orders');
    await api.call('POST', `/v1/customers/${vip}/stage`, { stage: 'cold', reason: 'looks inactive' });
    const approval = await pendingApprovalOf(vip);
    expect((await api.call('POST', `/v1/approvals/${approval.id}`, { decision: 'rejected' })).body.status).toBe('rejected');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await customer(vip)).stage).toBe('high_value');
  });
});

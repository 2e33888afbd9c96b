import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntryModel } from '../store/models/audit-entry.js';
import { UserModel } from '../store/models/user.js';
import { addUser } from '../store/users.js';
import { type Harness, startHarness } from './support/api-harness.js';
import { addPeople, PASSWORD, send, type Session, signIn, startApiWithKeys } from './support/people.js';

const unique = Date.now().toString(36);
const keys = { admin: `people-admin-${unique}-0123456789`, agent: `people-agent-${unique}-0123456789` };

let api: Harness;
let app: { baseUrl: string; close(): Promise<void> };
let people: Awaited<ReturnType<typeof addPeople>>;
let admin: Session;

beforeAll(async () => {
  api = await startHarness(`people-${unique}`);
  app = await startApiWithKeys(api, [
    { name: 'ops', key: keys.admin, role: 'admin' },
    { name: 'shop', key: keys.agent, role: 'agent' },
  ]);
  people = await addPeople(`p-${unique}`);
  admin = await signIn(app.baseUrl, people.admin, PASSWORD);
});

afterAll(async () => {
  await app?.close();
  await api?.close();
});

const asAdmin = (method: string, path: string, body?: unknown) => send(app.baseUrl, method, path, { body, cookie: admin.cookie, csrf: admin.csrf });
/** The audit entries of the people routes for this person, latest first (signing in is recorded too). */
const auditOf = async (target: string) =>
  (await send(app.baseUrl, 'GET', `/v1/audit?target=${encodeURIComponent(target)}`, { key: keys.admin })).body.entries.filter((e: { route: string }) => e.route.startsWith('/v1/users'));

describe('POST /v1/users: an admin adds a person', () => {
  const name = `new.${unique}@example.com`;
  const password = 'a long enough secret 123';

  it('adds the person, who can sign in with their role; the audit log has the role, never the password', async () => {
    const added = await asAdmin('POST', '/v1/users', { name, role: 'agent', password });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ name, role: 'agent', createdAt: expect.any(String), disabled: false });
    const session = await signIn(app.baseUrl, name, password);
    expect((await send(app.baseUrl, 'GET', '/v1/session', { cookie: session.cookie })).body).toMatchObject({ kind: 'user', name, role: 'agent' });
    const [entry] = await auditOf(name);
    expect(entry).toMatchObject({ actor: { kind: 'user', name: people.admin, role: 'admin' }, method: 'POST', route: '/v1/users', field: 'role', from: null, to: 'agent', status: 201 });
    const stored = JSON.stringify(await AuditEntryModel.find({ target: name }).lean());
    expect(stored).not.toContain(password);
    expect((await UserModel.findById(name).lean())?.passwordHash).not.toContain(password);
  });

  it('409 for a taken name; 400 for a short password, a bad name or role; 403 for an agent; nothing added', async () => {
    expect(await asAdmin('POST', '/v1/users', { name, role: 'viewer', password })).toMatchObject({ status: 409, body: { title: 'Name taken' } });
    expect((await UserModel.findById(name).lean())?.role).toBe('agent');
    const bad = [
      { name: `short-${unique}`, role: 'viewer', password: 'short' },
      { name: `Upper ${unique}`, role: 'viewer', password },
      { name: `role-${unique}`, role: 'owner', password },
      { name: `extra-${unique}`, role: 'viewer', password, admin: true },
    ];
    for (const body of bad) {
      const refused = await asAdmin('POST', '/v1/users', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.type).toContain('application/problem+json');
    }
    expect((await send(app.baseUrl, 'POST', '/v1/users', { key: keys.agent, body: { name: `by-agent-${unique}`, role: 'admin', password } })).status).toBe(403);
    expect(await UserModel.countDocuments({ _id: { $in: [`short-${unique}`, `role-${unique}`, `extra-${unique}`, `by-agent-${unique}`] } })).toBe(0);
  });
});

describe('PATCH /v1/users/:name: role, disabled', () => {
  it('changes the role (the next request has it) and audits from → to', async () => {
    const session = await signIn(app.baseUrl, people.viewer, PASSWORD);
    const changed = await asAdmin('PATCH', `/v1/users/${people.viewer}`, { role: 'marketer' });
    expect(changed).toMatchObject({ status: 200, body: { name: people.viewer, role: 'marketer', disabled: false } });
    expect((await send(app.baseUrl, 'GET', '/v1/session', { cookie: session.cookie })).body.role).toBe('marketer');
    const [entry] = await auditOf(people.viewer);
    expect(entry).toMatchObject({ method: 'PATCH', route: '/v1/users/:name', field: 'role', from: { role: 'viewer' }, to: { role: 'marketer' }, status: 200 });
  });

  it('disables a person (their session ends) and enables them again', async () => {
    const session = await signIn(app.baseUrl, people.agent, PASSWORD);
    expect((await asAdmin('PATCH', `/v1/users/${people.agent}`, { disabled: true })).body).toMatchObject({ disabled: true });
    expect((await send(app.baseUrl, 'GET', '/v1/session', { cookie: session.cookie })).status).toBe(401);
    expect((await send(app.baseUrl, 'POST', '/v1/session', { body: { name: people.agent, password: PASSWORD } })).status).toBe(401);
    expect((await asAdmin('PATCH', `/v1/users/${people.agent}`, { disabled: false })).body).toMatchObject({ disabled: false });
    expect((await send(app.baseUrl, 'POST', '/v1/session', { body: { name: people.agent, password: PASSWORD } })).status).toBe(200);
    const [entry] = await auditOf(people.agent);
    expect(entry).toMatchObject({ field: 'disabled', from: { disabled: true }, to: { disabled: false } });
  });

  it('409 rather than leave no enabled admin; 404 for an unknown person; 400 for an empty change', async () => {
    // Leave this person the only enabled admin: other suites' admins are disabled for the test.
    const others = await UserModel.find({ role: 'admin', disabled: { $ne: true }, _id: { $ne: people.admin } }, { _id: 1 }).lean();
    await UserModel.updateMany({ _id: { $in: others.map((o) => o._id) } }, { $set: { disabled: true } });
    try {
      const demote = await asAdmin('PATCH', `/v1/users/${people.admin}`, { role: 'agent' });
      expect(demote).toMatchObject({ status: 409, body: { title: 'Last admin' } });
      expect((await asAdmin('PATCH', `/v1/users/${people.admin}`, { disabled: true })).status).toBe(409);
      expect((await UserModel.findById(people.admin).lean())).toMatchObject({ role: 'admin', disabled: false });
      // With a second admin, the first may step down.
      const second = `second-admin-${unique}`;
      await addUser(second, 'admin', PASSWORD);
      expect((await asAdmin('PATCH', `/v1/users/${second}`, { role: 'viewer' })).status).toBe(200);
      expect((await asAdmin('PATCH', `/v1/users/${second}`, { role: 'admin' })).status).toBe(200);
      const otherSession = await signIn(app.baseUrl, second, PASSWORD);
      const stepDown = await send(app.baseUrl, 'PATCH', `/v1/users/${people.admin}`, { body: { role: 'marketer' }, cookie: otherSession.cookie, csrf: otherSession.csrf });
      expect(stepDown).toMatchObject({ status: 200, body: { role: 'marketer' } });
    } finally {
      await UserModel.updateMany({ _id: { $in: others.map((o) => o._id) } }, { $set: { disabled: false } });
    }
    expect((await send(app.baseUrl, 'PATCH', `/v1/users/nobody-${unique}`, { key: keys.admin, body: { role: 'viewer' } })).status).toBe(404);
    expect((await send(app.baseUrl, 'PATCH', `/v1/users/${people.viewer}`, { key: keys.admin, body: {} })).status).toBe(400);
    expect((await send(app.baseUrl, 'PATCH', `/v1/users/${people.viewer}`, { key: keys.admin, body: { password: 'x'.repeat(20) } })).status).toBe(400);
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerModel } from '../store/models/customer.js';
import { SessionModel } from '../store/models/session.js';
import { UserModel } from '../store/models/user.js';
import { disableUser } from '../store/users.js';
import { API_KEY, type Harness, startHarness } from './support/api-harness.js';
import { addPeople, PASSWORD, send, signIn, startApiWithKeys } from './support/people.js';

let api: Harness;
let secure: { baseUrl: string; close(): Promise<void> };
let people: Awaited<ReturnType<typeof addPeople>>;
const unique = Date.now().toString(36);

beforeAll(async () => {
  api = await startHarness(`people-sessions-${unique}`);
  secure = await startApiWithKeys(api, [{ name: 'admin', key: API_KEY, role: 'admin' }], true);
  people = await addPeople(`s-${unique}`);
});

afterAll(async () => {
  await secure?.close();
  await api?.close();
});

describe('signing in', () => {
  it('sets an HTTP-only, SameSite=Strict session cookie for the site, and answers who and the CSRF token', async () => {
    const answer = await send(api.baseUrl, 'POST', '/v1/session', { body: { name: people.agent, password: PASSWORD } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'user', name: people.agent, role: 'agent', csrfToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect(new Date(answer.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(11.9 * 3_600_000);
    const cookie = answer.headers.getSetCookie().find((c) => c.startsWith('tideway_session='))!;
    const attributes = cookie.split('; ');
    expect(attributes[0]).toMatch(/^tideway_session=[\w-]{43}$/); // 32 random bytes
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', 'Max-Age=43200']));
    expect(attributes).not.toContain('Secure');
    // Stored hashed: the store alone opens no session.
    const token = attributes[0]!.split('=')[1]!;
    expect(await SessionModel.exists({ _id: token })).toBeNull();
    expect(await SessionModel.exists({ _id: createHash('sha256').update(token).digest('hex') })).not.toBeNull();
    // The password is kept as a salted scrypt hash with its parameters.
    expect((await UserModel.findById(people.agent).lean())?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w+/=]{24}\$[\w+/=]{44}$/);
  });

  it('marks the cookie Secure when the API is reached over HTTPS', async () => {
    const { setCookie } = await signIn(secure.baseUrl, people.viewer, PASSWORD);
    expect(setCookie.split('; ')).toContain('Secure');
  });

  it('answers who am I, for a person and for an API key', async () => {
    const session = await signIn(api.baseUrl, people.marketer, PASSWORD);
    const me = await send(api.baseUrl, 'GET', '/v1/session', { cookie: session.cookie });
    expect(me.body).toMatchObject({ kind: 'user', name: people.marketer, role: 'marketer', csrfToken: session.csrf });
    const key = await send(api.baseUrl, 'GET', '/v1/session', { key: API_KEY });
    expect(key.body).toEqual({ kind: 'key', name: 'api-key-1', role: 'admin' });
    expect((await send(api.baseUrl, 'GET', '/v1/session')).status).toBe(401);
  });

  it('refuses a wrong password and an unknown name alike: the same 401, after about the same time', async () => {
    const timed = async (name: string) => {
      const started = performance.now();
      const answer = await send(api.baseUrl, 'POST', '/v1/session', { body: { name, password: 'not the password' } });
      return { answer, ms: performance.now() - started };
    };
    const wrong = [await timed(people.admin), await timed(people.admin)];
    const unknown = [await timed(`nobody-${unique}`), await timed(`nobody-${unique}`)];
    for (const { answer } of [...wrong, ...unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ title: 'Sign-in refused', detail: 'Wrong name or password.' });
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
    // An unknown name is checked against a decoy hash: without it, it would answer in a few ms.
    const fastest = (runs: { ms: number }[]) => Math.min(...runs.map((r) => r.ms));
    expect(fastest(unknown)).toBeGreaterThan(fastest(wrong) * 0.3);
  });

  it('refuses a sixth sign-in for a name after five failures in a minute, even with the right password (429)', async () => {
    const name = people.viewer;
    for (let i = 0; i < 5; i++) expect((await send(api.baseUrl, 'POST', '/v1/session', { body: { name, password: `guess number ${i}` } })).status).toBe(401);
    const limited = await send(api.baseUrl, 'POST', '/v1/session', { body: { name, password: PASSWORD } });
    expect(limited.status).toBe(429);
    expect(limited.type).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.headers.getSetCookie()).toEqual([]);
    // Other names are not held back.
    expect((await send(api.baseUrl, 'POST', '/v1/session', { body: { name: people.agent, password: PASSWORD } })).status).toBe(200);
  });
});

describe('writes with the session cookie carry the CSRF token', () => {
  it('403 without X-CSRF-Token or with another one, and nothing changes; with it, the write goes through', async () => {
    const customerId = `csrf-${unique}`;
    await api.call('PUT', `/v1/customers/${customerId}`, { name: 'Before' });
    const session = await signIn(api.baseUrl, people.admin, PASSWORD);
    const other = await signIn(api.baseUrl, people.agent, PASSWORD);
    for (const csrf of [undefined, other.csrf, 'x'.repeat(43)]) {
      const refused = await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}`, { body: { name: 'After' }, cookie: session.cookie, csrf });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('X-CSRF-Token');
    }
    expect((await CustomerModel.findById(customerId).lean())?.name).toBe('Before');
    const read = await send(api.baseUrl, 'GET', `/v1/customers/${customerId}`, { cookie: session.cookie });
    expect(read.status).toBe(200);
    const written = await send(api.baseUrl, 'PUT', `/v1/customers/${customerId}`, { body: { name: 'After' }, cookie: session.cookie, csrf: session.csrf });
    expect(written.status).toBe(200);
    expect((await CustomerModel.findById(customerId).lean())?.name).toBe('After');
  });

  it('takes API keys without one', async () => {
    expect((await api.call('PUT', `/v1/customers/csrf-key-${unique}`, { name: 'Keyed' })).status).toBe(201);
  });
});

describe('signing out, and sessions that end', () => {
  it('DELETE /v1/session ends the session and clears the cookie', async () => {
    const session = await signIn(api.baseUrl, people.agent, PASSWORD);
    const out = await send(api.baseUrl, 'DELETE', '/v1/session', { cookie: session.cookie, csrf: session.csrf });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()[0]).toMatch(/^tideway_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0/);
    const after = await send(api.baseUrl, 'GET', '/v1/session', { cookie: session.cookie });
    expect(after.status).toBe(401);
    expect(after.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
  });

  it('a disabled person can no longer sign in, and their open sessions stop working', async () => {
    const names = await addPeople(`d-${unique}`);
    const session = await signIn(api.baseUrl, names.agent, PASSWORD);
    expect(await disableUser(names.agent)).toBe(true);
    expect((await send(api.baseUrl, 'GET', '/v1/session', { cookie: session.cookie })).status).toBe(401);
    const again = await send(api.baseUrl, 'POST', '/v1/session', { body: { name: names.agent, password: PASSWORD } });
    expect(again.status).toBe(401);
    expect(again.body.detail).toBe('Wrong name or password.');
  });

  it('an expired session is refused', async () => {
    const session = await signIn(api.baseUrl, people.marketer, PASSWORD);
    const token = session.cookie.split('=')[1]!;
    await SessionModel.updateOne({ _id: createHash('sha256').update(token).digest('hex') }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await send(api.baseUrl, 'GET', '/v1/session', { cookie: session.cookie })).status).toBe(401);
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app.js';
import type { ApiKey } from '../../config/api-keys.js';
import type { Role } from '../../domain/roles.js';
import { addUser } from '../../store/users.js';
import type { Harness } from './api-harness.js';

export interface Answer {
  status: number;
  type: string;
  headers: Headers;
  body: any;
}

/** One request with a key (`key`) or a session (`cookie`, `csrf`), and nothing else added. */
export async function send(baseUrl: string, method: string, path: string, { body, key, cookie, csrf }: { body?: unknown; key?: string; cookie?: string; csrf?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = {
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...(key ? { authorization: `Bearer ${key}` } : {}),
    ...(cookie ? { cookie } : {}),
    ...(csrf ? { 'x-csrf-token': csrf } : {}),
  };
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

export interface Session {
  /** `tideway_session=<token>`, as a browser sends it back. */
  cookie: string;
  csrf: string;
  /** The Set-Cookie header the sign-in answered. */
  setCookie: string;
}

export async function signIn(baseUrl: string, name: string, password: string): Promise<Session> {
  const answer = await send(baseUrl, 'POST', '/v1/session', { body: { name, password } });
  if (answer.status !== 200) throw new Error(`sign-in as ${name}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const setCookie = answer.headers.getSetCookie().find((c) => c.startsWith('tideway_session='))!;
  return { cookie: setCookie.split(';')[0]!, csrf: answer.body.csrfToken, setCookie };
}

export const PASSWORD = 'correct horse battery';

/** A person with each role, named `<role>-<suffix>`, all with {@link PASSWORD}. */
export async function addPeople(suffix: string): Promise<Record<Role, string>> {
  const names = { viewer: `viewer-${suffix}`, agent: `agent-${suffix}`, marketer: `marketer-${suffix}`, admin: `admin-${suffix}` };
  await Promise.all(Object.entries(names).map(([role, name]) => addUser(name, role as Role, PASSWORD)));
  return names;
}

/** An API with these keys next to the harness's (same store, Temporal client and task queue). */
export async function startApiWithKeys(api: Harness, apiKeys: ApiKey[], secureCookies = false): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const s = createApp({ temporal: api.client, taskQueue: api.taskQueue, apiKeys, secureCookies, log: (line) => console.error(line), handoffSweepMs: 60_000 }).listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

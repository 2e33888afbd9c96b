import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectStore, disconnectStore } from '../store/connection.js';
import { AuditEntryModel } from '../store/models/audit-entry.js';
import { SessionModel } from '../store/models/session.js';
import { UserModel } from '../store/models/user.js';
import { checkSignIn } from '../store/users.js';
import { openSession } from '../store/sessions.js';
import { runCli } from './support/cli-process.js';

const unique = Date.now().toString(36);

/** `npm run users -- <args>`. */
const users = (args: string[], options?: { stdin?: string; env?: Record<string, string> }) => runCli('users', args, options);

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
});

afterAll(async () => {
  await disconnectStore();
});

describe('npm run users', () => {
  const admin = `first-admin-${unique}`;

  it('adds a person with a role, the password read from stdin, and audits it as the OS user', async () => {
    const added = await users(['add', admin, '--role', 'admin'], { stdin: 'a long enough password\n' });
    expect(added).toMatchObject({ code: 0, out: `added ${admin} (admin)\n` });
    expect(await checkSignIn(admin, 'a long enough password')).toMatchObject({ name: admin, role: 'admin' });
    expect((await UserModel.findById(admin).lean())?.passwordHash).toMatch(/^scrypt\$/);
    expect(await AuditEntryModel.findOne({ target: admin, route: 'users add' }).lean()).toMatchObject({ actor: { kind: 'cli' }, method: 'CLI', field: 'role', to: 'admin' });
  });

  it('takes the password from TIDEWAY_USER_PASSWORD too', async () => {
    const name = `env-agent-${unique}`;
    expect((await users(['add', name, '--role', 'agent'], { env: { TIDEWAY_USER_PASSWORD: 'another long password' } })).code).toBe(0);
    expect(await checkSignIn(name, 'another long password')).toMatchObject({ role: 'agent' });
  });

  it('refuses a weak password, a password on the command line, a name taken, a role that is not one', async () => {
    const weak = await users(['add', `weak-${unique}`, '--role', 'viewer'], { stdin: 'short pass\n' });
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('at least 12 characters');
    const argv = await users(['add', `argv-${unique}`, '--role', 'viewer', '--password', 'a long enough password']);
    expect(argv.code).toBe(2);
    expect(argv.err).toContain('never from the command line');
    const taken = await users(['add', admin, '--role', 'viewer'], { stdin: 'a long enough password\n' });
    expect(taken.code).toBe(1);
    expect(taken.err).toContain('exists already');
    expect((await users(['add', `boss-${unique}`, '--role', 'boss'], { stdin: 'a long enough password\n' })).err).toContain('--role is one of viewer, agent, marketer, admin');
    expect(await UserModel.countDocuments({ _id: { $in: [`weak-${unique}`, `argv-${unique}`, `boss-${unique}`] } })).toBe(0);
  });

  it('lists the people with their roles', async () => {
    const listed = await users(['list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(new RegExp(`^${admin}\\s+admin\\s+\\d{4}-`, 'm'));
  });

  it('disables a person: no more sign-ins, their sessions end', async () => {
    const name = `leaver-${unique}`;
    await users(['add', name, '--role', 'agent'], { stdin: 'a long enough password\n' });
    await openSession(name);
    const disabled = await users(['disable', name]);
    expect(disabled).toMatchObject({ code: 0 });
    expect(await checkSignIn(name, 'a long enough password')).toBeUndefined();
    expect(await SessionModel.countDocuments({ name })).toBe(0);
    expect((await users(['list'])).out).toMatch(new RegExp(`^${name}\\s+agent\\s+\\S+\\s+disabled$`, 'm'));
    expect((await users(['disable', `nobody-${unique}`])).code).toBe(1);
  });
});

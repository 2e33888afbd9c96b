/**
 * `npm run users -- add <name> --role <role> | list | disable <name>`: the people who sign in to the API
 * and the console. The password is read from TIDEWAY_USER_PASSWORD or stdin, never from the arguments.
 * Each change is written to the audit log, as the OS user who ran the command.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/env.js';
import { ROLES, roleSchema } from '../domain/roles.js';
import { recordAudit } from '../store/audit-log.js';
import { connectStore, disconnectStore } from '../store/connection.js';
import { addUser, checkNewUser, disableUser, listUsers, UserRefusedError } from '../store/users.js';
import { readPassword } from './read-password.js';

const USAGE = `usage: npm run users -- add <name> --role <${ROLES.join('|')}>   (password from stdin or TIDEWAY_USER_PASSWORD)
       npm run users -- list
       npm run users -- disable <name>`;

const cli = { kind: 'cli' as const, name: userInfo().username, role: null };
const audited = (route: string, target: string, field: string, from: unknown, to: unknown) =>
  recordAudit({ at: new Date(), actor: cli, method: 'CLI', route, target, field, from, to, status: null });

async function run(argv: string[]): Promise<number> {
  if (argv.some((arg) => /^--pass(word)?(=|$)/.test(arg))) {
    console.error('the password is read from stdin or TIDEWAY_USER_PASSWORD, never from the command line');
    return 2;
  }
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { role: { type: 'string' } } });
  const [command, name] = positionals;
  if (command === 'add' && name) {
    const role = roleSchema.safeParse(values.role);
    if (!role.success) {
      console.error(`--role is one of ${ROLES.join(', ')}`);
      return 2;
    }
    const password = await readPassword(`Password for ${name}`);
    checkNewUser(name, password);
    await connectStore(loadConfig().MONGODB_URI);
    const added = await addUser(name, role.data, password);
    await audited('users add', added.name, 'role', null, added.role);
    console.log(`added ${added.name} (${added.role})`);
    return 0;
  }
  if (command === 'list' && !name) {
    await connectStore(loadConfig().MONGODB_URI);
    for (const user of await listUsers()) {
      console.log(`${user.name.padEnd(24)} ${user.role.padEnd(9)} ${user.createdAt.toISOString()}${user.disabled ? '  disabled' : ''}`);
    }
    return 0;
  }
  if (command === 'disable' && name) {
    await connectStore(loadConfig().MONGODB_URI);
    if (!(await disableUser(name))) {
      console.error(`no person "${name}"`);
      return 1;
    }
    await audited('users disable', name, 'disabled', false, true);
    console.log(`disabled ${name}; their sessions have ended`);
    return 0;
  }
  console.error(USAGE);
  return command ? 2 : 0;
}

try {
  process.exitCode = await run(process.argv.slice(2));
} catch (error) {
  const { name, message, code } = error as Error & { code?: string };
  if (name === 'MongooseServerSelectionError') console.error(`users: cannot reach the store (${message}); is npm start running, or MONGODB_URI set?`);
  else if (error instanceof UserRefusedError || error instanceof ConfigError || code?.startsWith('ERR_PARSE_ARGS')) console.error(`users: ${message}`);
  else console.error(error);
  process.exitCode = 1;
} finally {
  await disconnectStore();
}

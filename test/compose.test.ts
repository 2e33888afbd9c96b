// The production Docker Compose deployment, checked statically: there is no Docker engine or
// compose plugin in CI. compose-go, the library `docker compose` itself loads files with, reads
// docker-compose.yml through test/compose-check (the Compose Specification's JSON schema,
// interpolation from an env file, profiles, normalization, consistency); this suite then proves the
// wiring on the project it resolves and on the raw file: services, profiles, health gates, addresses,
// secrets, ports, and the scripts and config files they point at.
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../config/env.js';
import { SEARCH_ATTRIBUTES as CLI_SEARCH_ATTRIBUTES } from '../stack/search-attributes.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';
import { repoDockerfile } from './support/dockerfile.js';
import { runWorkerHealthcheck } from './support/worker-healthcheck.js';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const COMPOSE_FILE = join(root, 'docker-compose.yml');
const ENV_EXAMPLE = join(root, 'deploy/.env.example');

// --- compose-go: the file as `docker compose` loads it ----------------------------------------

/** A service as compose-go resolves it (interpolated, normalized, long syntax everywhere). */
interface Service {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[] | null;
  entrypoint?: string[] | null;
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  ports?: { host_ip?: string; target: number; published?: string }[];
  volumes?: { type: string; source?: string; target: string; read_only?: boolean }[];
  restart?: string;
  profiles?: string[];
  deploy?: { replicas?: number };
  container_name?: string;
}
interface Project {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const CHECK_SOURCE = join(root, 'test/compose-check');

/** Builds test/compose-check once per source version (Go's module and build caches make it quick after the first time). */
async function composeCheck(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(join(CHECK_SOURCE, file)));
  const dir = join(tmpdir(), `tideway-compose-check-${hash.digest('hex').slice(0, 16)}`);
  const bin = join(dir, 'compose-check');
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const building = `${bin}.${process.pid}`;
  await run('go', ['build', '-trimpath', '-buildvcs=false', '-o', building, '.'], { cwd: CHECK_SOURCE, maxBuffer: 16 << 20 });
  renameSync(building, bin);
  return bin;
}

let checkBin = '';

/** Loads a compose file with compose-go; `ok: false` carries its error message. */
async function load(options: { envFile: string; profiles?: string[]; file?: string }): Promise<{ ok: true; project: Project } | { ok: false; error: string }> {
  const args = ['-f', options.file ?? COMPOSE_FILE, '-env-file', options.envFile, ...(options.profiles ?? []).flatMap((p) => ['-profile', p])];
  try {
    const { stdout } = await run(checkBin, args, { cwd: root, maxBuffer: 16 << 20, env: { PATH: process.env.PATH ?? '' } });
    return { ok: true, project: JSON.parse(stdout) as Project };
  } catch (error) {
    return { ok: false, error: String((error as { stderr?: string }).stderr ?? error) };
  }
}

async function loadOk(envFile: string, profiles: string[] = []): Promise<Project> {
  const loaded = await load({ envFile, profiles });
  if (!loaded.ok) throw new Error(`compose-go rejects docker-compose.yml: ${loaded.error}`);
  return loaded.project;
}

const scratch = mkdtempSync(join(tmpdir(), 'tideway-compose-'));
/** An env file: deploy/.env.example with `extra` lines after it (later lines win). */
function envFile(name: string, extra: string[] = [], base = read('deploy/.env.example')): string {
  const file = join(scratch, name);
  writeFileSync(file, `${base}\n${extra.join('\n')}\n`);
  return file;
}

/** Every optional setting set too, the way an operator with Twilio and a CRM would. */
const FULL_ENV = [
  `TIDEWAY_WEBHOOKS='{"crm":"https://crm.example.com/hooks/tideway"}'`,
  'TIDEWAY_CRM_STAGE_WEBHOOK=https://crm.example.com/hooks/stages',
  'TIDEWAY_WEBHOOK_SECRET=a-webhook-secret-of-32-characters',
  'TIDEWAY_UNSUBSCRIBE_SECRET=an-unsubscribe-secret-of-32-chars',
  `TWILIO_ACCOUNT_SID=AC${'0'.repeat(32)}`,
  `TWILIO_AUTH_TOKEN=${'a'.repeat(32)}`,
  'TWILIO_FROM=+15005550006',
  `TIDEWAY_API_KEYS='{"shop":{"key":"a-shop-key-of-24-characters","role":"agent"}}'`,
  'TEMPORAL_ADDRESS=tideway.a1b2c.tmprl.cloud:7233',
  'TEMPORAL_API_KEY=a-temporal-cloud-api-key',
  'TEMPORAL_TLS_SERVER_NAME=tideway.a1b2c.tmprl.cloud',
];

let production: Project; // no profile: what `docker compose up -d` starts
let everything: Project; // --profile dev --profile observability, every optional setting set
beforeAll(async () => {
  checkBin = await composeCheck();
  [production, everything] = await Promise.all([
    loadOk(ENV_EXAMPLE),
    loadOk(envFile('full.env', FULL_ENV), ['dev', 'observability']),
  ]);
}, 300_000);

const service = (name: string, project = everything): Service => {
  const found = project.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}" (with every profile)`);
  return found;
};
const env = (name: string, project = everything): Record<string, string | null> => service(name, project).environment ?? {};
const words = (value: string[] | null | undefined): string => (value ?? []).join(' ');
const deps = (name: string): Record<string, string> => Object.fromEntries(Object.entries(service(name).depends_on ?? {}).map(([dep, d]) => [dep, d.condition]));
const hasHealthcheck = (svc: Service): boolean => !svc.healthcheck?.disable && (svc.healthcheck?.test?.length ?? 0) > 0 && svc.healthcheck!.test![0] !== 'NONE';
/** Bind mounts with their source relative to the repo. */
const binds = (svc: Service) =>
  (svc.volumes ?? []).filter((v) => v.type === 'bind').map((v) => ({ source: `./${posix.relative(root, v.source!)}`, target: v.target, readOnly: v.read_only === true }));
const namedVolumes = (svc: Service) => (svc.volumes ?? []).filter((v) => v.type === 'volume').map((v) => ({ source: v.source!, target: v.target, readOnly: v.read_only === true }));
/** The repo file behind a path inside a service's container, through its bind mounts. */
function hostFileOf(svc: Service, inContainer: string): string | undefined {
  for (const mount of binds(svc)) {
    if (inContainer === mount.target) return mount.source;
    if (inContainer.startsWith(`${mount.target.replace(/\/$/, '')}/`)) return posix.join(mount.source, posix.relative(mount.target, inContainer));
  }
  return undefined;
}

const PRODUCTION_SERVICES = ['postgresql', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'mongodb-keyfile', 'mongodb', 'mongodb-init', 'worker', 'api'];
const ONE_SHOT = ['temporal-schema', 'temporal-setup', 'mongodb-keyfile', 'mongodb-init'];
const APP_SERVICES = ['worker', 'api'] as const;
const SECRET_NAME = /PASSWORD|PASSWD|PWD|SECRET|TOKEN|KEY/i;

// --- the raw file, for what only the source shows --------------------------------------------

const text = read('docker-compose.yml');
const raw = parse(text, { merge: true }) as { services: Record<string, { environment?: Record<string, string | null> }> };
const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Every variable the compose file reads from .env: `${VAR…}` anywhere, and pass-through `VAR:` (no value) in an environment. */
function referencedVariables(): Map<string, { required: boolean; defaultValue?: string }> {
  const found = new Map<string, { required: boolean; defaultValue?: string }>();
  for (const m of text.matchAll(INTERPOLATION)) {
    if (m[0] === '$$') continue;
    const name = (m[1] ?? m[4])!;
    const previous = found.get(name);
    found.set(name, {
      required: m[2] === ':?' || m[2] === '?' || (previous?.required ?? false),
      defaultValue: m[2] === ':-' || m[2] === '-' ? m[3] : previous?.defaultValue,
    });
  }
  for (const svc of Object.values(raw.services)) {
    for (const [key, value] of Object.entries(svc.environment ?? {})) if (value === null && !found.has(key)) found.set(key, { required: false });
  }
  return found;
}

/** The variables deploy/.env.example sets or shows commented out. */
const documented = new Set([...read('deploy/.env.example').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

// -------------------------------------------------------------------------------------------

describe('docker-compose.yml as docker compose loads it (compose-go)', () => {
  it('is valid against the Compose Specification and consistent, with deploy/.env.example as .env', () => {
    expect(Object.keys(production.services).sort()).toEqual([...PRODUCTION_SERVICES].sort());
  });

  it('rejects what the Compose Specification does not allow, so the check above means something', async () => {
    const broken = join(scratch, 'broken.yml');
    writeFileSync(broken, text.replace(/^  api:\n/m, '  api:\n    restart_policy_typo: always\n'));
    const loaded = await load({ file: broken, envFile: ENV_EXAMPLE });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.error).toMatch(/restart_policy_typo/);
  });

  it('starts the mail sink only with --profile dev and Prometheus only with --profile observability', async () => {
    const dev = await loadOk(ENV_EXAMPLE, ['dev']);
    const observability = await loadOk(ENV_EXAMPLE, ['observability']);
    expect(Object.keys(dev.services).sort()).toEqual([...PRODUCTION_SERVICES, 'maildev'].sort());
    expect(Object.keys(observability.services).sort()).toEqual([...PRODUCTION_SERVICES, 'prometheus'].sort());
    expect(service('maildev').profiles).toEqual(['dev']);
    expect(service('prometheus').profiles).toEqual(['observability']);
    for (const name of PRODUCTION_SERVICES) expect(service(name).profiles ?? [], `${name} runs without a profile`).toEqual([]);
  });

  it('keeps dev-only services out of production: nothing outside the dev profile uses the mail sink', () => {
    for (const [name, svc] of Object.entries(everything.services)) {
      if (svc.profiles?.includes('dev')) continue;
      expect(Object.keys(svc.depends_on ?? {}), `${name} depends on maildev`).not.toContain('maildev');
      // The mail sink's address is nowhere but in an operator's .env (and the hint of SMTP_URL's message).
      expect(JSON.stringify(env(name, everything)), `${name} names maildev`).not.toMatch(/maildev/);
    }
    expect(env('api', production).SMTP_URL).toBe('smtps://tideway:change-me@smtp.example.com:465');
  });

  it('stops with a message for each required setting that .env lacks', async () => {
    const loaded = await load({ envFile: envFile('empty.env', [], '') });
    expect(loaded.ok).toBe(false);
    const required = [...referencedVariables()].filter(([, use]) => use.required).map(([name]) => name);
    expect(required.sort()).toEqual(
      ['MAIL_FROM', 'MONGODB_APP_PASSWORD', 'MONGODB_ROOT_PASSWORD', 'SMTP_URL', 'TEMPORAL_DB_PASSWORD', 'TIDEWAY_API_KEY', 'TIDEWAY_PUBLIC_URL'].sort(),
    );
    for (const name of required) expect(!loaded.ok && loaded.error, name).toMatch(new RegExp(`required variable ${name} is missing a value: set ${name} in \\.env`));
  });
});

describe('docker-compose.yml: images, health checks, start-up order', () => {
  it('pins every image to an explicit version', () => {
    for (const [name, svc] of Object.entries(everything.services)) {
      if (svc.build) continue;
      expect(svc.image, `${name} image`).toMatch(/^[a-z0-9./-]+:v?\d+\.\d+[A-Za-z0-9._-]*$/);
    }
    expect(service('postgresql').image).toMatch(/^postgres:\d+\.\d+$/);
    expect(service('mongodb').image).toMatch(/^mongo:\d+\.\d+\.\d+$/);
    expect(service('temporal').image).toMatch(/^temporalio\/server:\d+\.\d+\.\d+$/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(service('prometheus').image).toMatch(/^prom\/prometheus:v\d+\.\d+\.\d+$/);
    // The schema job's tools match the server they prepare the database for.
    const serverVersion = service('temporal').image!.split(':')[1]!;
    for (const job of ['temporal-schema', 'temporal-setup']) expect(service(job).image).toMatch(new RegExp(`^temporalio/admin-tools:${serverVersion.replace(/\./g, '\\.')}(-|$)`));
    for (const job of ['mongodb-keyfile', 'mongodb-init']) expect(service(job).image).toBe(service('mongodb').image);
  });

  it('checks the health of every long-running service, with the right tool for each', () => {
    for (const [name, svc] of Object.entries(everything.services)) {
      if (ONE_SHOT.includes(name) || name === 'temporal-ui') continue;
      expect(hasHealthcheck(svc), `${name} has a health check`).toBe(true);
    }
    expect(words(service('postgresql').healthcheck?.test)).toContain('pg_isready');
    expect(words(service('temporal').healthcheck?.test)).toMatch(/temporal operator cluster health --address temporal:7233/);
    expect(words(service('mongodb').healthcheck?.test)).toMatch(/mongosh.*ping/);
    expect(words(service('maildev').healthcheck?.test)).toMatch(/healthz/);
    expect(words(service('prometheus').healthcheck?.test)).toMatch(/-\/ready/);
    expect(words(service('api').healthcheck?.test)).toMatch(/node -e .*fetch\('http:\/\/127\.0\.0\.1:3000\/readyz'\)/);
    expect(words(service('worker').healthcheck?.test)).toBe('CMD node /etc/tideway/worker-healthcheck.mjs');
  });

  it('runs each one-shot job once per `up`: it never restarts, and what waits for it waits for success', () => {
    for (const job of ONE_SHOT) expect(service(job).restart ?? 'no', job).toBe('no');
    for (const [name, svc] of Object.entries(everything.services)) {
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        expect(everything.services, `${name} depends on ${dep}`).toHaveProperty([dep]);
        if (ONE_SHOT.includes(dep)) expect(condition, `${name} waits for ${dep}`).toBe('service_completed_successfully');
        else expect(condition, `${name} waits for ${dep}`).toBe('service_healthy');
        if (condition === 'service_healthy') expect(hasHealthcheck(service(dep)), `${dep} has a health check for ${name} to wait on`).toBe(true);
      }
    }
  });

  it('prepares each server before its users start', () => {
    expect(deps('temporal-schema')).toEqual({ postgresql: 'service_healthy' });
    expect(deps('temporal')).toEqual({ postgresql: 'service_healthy', 'temporal-schema': 'service_completed_successfully' });
    expect(deps('temporal-setup')).toEqual({ temporal: 'service_healthy' });
    expect(deps('temporal-ui')).toEqual({ temporal: 'service_healthy' });
    expect(deps('mongodb')).toEqual({ 'mongodb-keyfile': 'service_completed_successfully' });
    expect(deps('mongodb-init')).toEqual({ mongodb: 'service_healthy' });
    for (const name of APP_SERVICES) {
      expect(deps(name), name).toEqual({
        temporal: 'service_healthy',
        'temporal-setup': 'service_completed_successfully',
        mongodb: 'service_healthy',
        'mongodb-init': 'service_completed_successfully',
      });
    }
  });

  it('keeps the data of every server in a named volume', () => {
    for (const [name, dataDir] of [['postgresql', '/var/lib/postgresql/data'], ['mongodb', '/data/db'], ['prometheus', '/prometheus']] as const) {
      const volume = namedVolumes(service(name)).find((v) => v.target === dataDir);
      expect(volume, `${name} keeps ${dataDir} in a volume`).toBeDefined();
      expect(everything.volumes).toHaveProperty([volume!.source]);
    }
  });

  it('points every bind mount at a file or folder of the repo, read-only', () => {
    for (const [name, svc] of Object.entries(everything.services)) {
      for (const mount of binds(svc)) {
        expect(mount.source, `${name}: inside the repo`).not.toMatch(/^\.\/\.\./);
        expect(existsSync(join(root, mount.source)), `${name}: ${mount.source} exists`).toBe(true);
        expect(mount.readOnly, `${name}: ${mount.source} is read-only`).toBe(true);
      }
    }
  });
});

describe('docker-compose.yml: temporal', () => {
  it('persists to the postgresql service with the credentials postgres is created with', () => {
    const server = env('temporal');
    const postgres = env('postgresql');
    expect(server.DB).toBe('postgres12');
    expect(server.POSTGRES_SEEDS).toBe('postgresql');
    expect(server.DB_PORT).toBe('5432');
    expect(server.POSTGRES_USER).toBe(postgres.POSTGRES_USER);
    expect(server.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
    expect(server.POSTGRES_PWD).toBe('change-me-to-a-long-random-password');
    expect([server.DBNAME, server.VISIBILITY_DBNAME]).toEqual(['temporal', 'temporal_visibility']);
    // Same variable on both sides, not two literals that happen to match today.
    expect(raw.services.temporal!.environment!.POSTGRES_PWD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD:\?/);
    expect(raw.services.postgresql!.environment!.POSTGRES_PASSWORD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD:\?/);
  });

  it('creates both databases and their schemas with temporal-sql-tool before the server starts', () => {
    const job = service('temporal-schema');
    const jobEnv = env('temporal-schema');
    expect(jobEnv).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgresql', SQL_PORT: '5432' });
    expect(jobEnv.SQL_USER).toBe(env('postgresql').POSTGRES_USER);
    expect(jobEnv.SQL_PASSWORD).toBe(env('postgresql').POSTGRES_PASSWORD);
    const script = hostFileOf(job, job.entrypoint!.at(-1)!);
    expect(script, 'the entrypoint runs a script mounted from the repo').toBeDefined();
    const body = read(script!);
    expect(body).toMatch(/set -eu/);
    expect(body).toMatch(/for pair in temporal:temporal temporal_visibility:visibility/);
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d "\\$schema"']) expect(body).toMatch(new RegExp(`temporal-sql-tool --db "\\$db" ${step}`));
    expect(body).toMatch(/schema\/postgresql\/v12/);
  });

  it('loads a dynamic config file that ships with the repo, and exposes its metrics to Prometheus', () => {
    const server = env('temporal');
    const inContainer = posix.resolve('/etc/temporal', server.DYNAMIC_CONFIG_FILE_PATH!);
    const onHost = hostFileOf(service('temporal'), inContainer);
    expect(onHost, `a bind mount holds ${inContainer}`).toBeDefined();
    expect(statSync(join(root, onHost!)).isFile()).toBe(true);
    const dynamicConfig = parse(read(onHost!)) as Record<string, { value: unknown }[]>;
    for (const [key, entries] of Object.entries(dynamicConfig)) for (const entry of entries) expect(entry, key).toHaveProperty('value');
    expect(server.PROMETHEUS_ENDPOINT).toMatch(/^0\.0\.0\.0:\d+$/);
  });

  it("creates Tideway's namespace and registers each of its search attributes with its type", () => {
    const setup = service('temporal-setup');
    const setupEnv = env('temporal-setup');
    expect(setupEnv.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(setupEnv.TEMPORAL_NAMESPACE).toBe('tideway');
    for (const name of APP_SERVICES) expect(env(name).TEMPORAL_NAMESPACE, name).toBe(setupEnv.TEMPORAL_NAMESPACE);
    expect(env('temporal-ui').TEMPORAL_DEFAULT_NAMESPACE).toBe(setupEnv.TEMPORAL_NAMESPACE);

    // The NAME=TYPE pairs are the arguments of the one-shot script...
    const expected = Object.entries(CLI_SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`).sort();
    expect(expected).toContain('HealthScore=Int');
    expect(expected).toHaveLength(SEARCH_ATTRIBUTES.length);
    expect([...setup.command!].sort()).toEqual(expected);

    // ...and the script is mounted from the repo: it creates the namespace, then each attribute with its type.
    const script = hostFileOf(setup, setup.entrypoint!.at(-1)!);
    expect(script).toBeDefined();
    const body = read(script!);
    expect(body).toMatch(/set -eu/);
    expect(body).toMatch(/temporal operator namespace create --address "\$TEMPORAL_ADDRESS" --namespace "\$NAMESPACE"[^\n]*\\\n[^\n]*--retention "\$RETENTION"/);
    expect(body).toMatch(/temporal operator search-attribute create[^\n]*\\?\n?[^\n]*--name "\$name" --type "\$type"/);
    expect(body).toMatch(/name="\$\{arg%%=\*\}"/);
    expect(body).toMatch(/type="\$\{arg#\*=\}"/);
    expect(body.indexOf('namespace create')).toBeLessThan(body.indexOf('search-attribute create'));
  });

  it('serves the Temporal UI on the loopback, from the temporal frontend', () => {
    expect(env('temporal-ui').TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(service('temporal-ui').ports).toContainEqual(expect.objectContaining({ host_ip: '127.0.0.1', published: '8233', target: 8080 }));
    for (const name of APP_SERVICES) expect(env(name, production).TEMPORAL_UI_URL, name).toBe('http://localhost:8233');
  });
});

describe('docker-compose.yml: mongodb', () => {
  const keyfilePath = () => {
    const args = service('mongodb').command!;
    return args[args.indexOf('--keyFile') + 1]!;
  };

  it('runs mongod as the replica set rs0 with a keyfile from the keyfile job, and a root user from .env', () => {
    const args = service('mongodb').command!;
    expect(args[0]).toBe('mongod');
    expect(args[args.indexOf('--replSet') + 1]).toBe('rs0');
    expect(args).toContain('--bind_ip_all');
    const volume = namedVolumes(service('mongodb')).find((v) => keyfilePath().startsWith(`${v.target}/`));
    expect(volume, `a volume holds ${keyfilePath()}`).toBeDefined();
    expect(volume!.readOnly).toBe(true);
    const written = namedVolumes(service('mongodb-keyfile')).find((v) => v.source === volume!.source);
    expect(written, 'the keyfile job writes the same volume').toBeDefined();
    const script = words(service('mongodb-keyfile').command);
    expect(script).toContain(`key=${posix.join(written!.target, posix.relative(volume!.target, keyfilePath()))}`);
    expect(script).toMatch(/if \[ ! -s "\$key" \]/); // written once, kept afterwards
    expect(script).toMatch(/chown 999:999 "\$key"/);
    expect(script).toMatch(/chmod 400 "\$key"/);
    expect(env('mongodb').MONGO_INITDB_ROOT_USERNAME).toBe('root');
    expect(env('mongodb').MONGO_INITDB_ROOT_PASSWORD).toBe('change-me-to-another-long-random-password');
  });

  it('initiates the replica set once and creates Tideway’s own user as the root user', () => {
    const init = service('mongodb-init');
    const initEnv = env('mongodb-init');
    expect(initEnv.MONGODB_ROOT_USER).toBe(env('mongodb').MONGO_INITDB_ROOT_USERNAME);
    expect(initEnv.MONGODB_ROOT_PASSWORD).toBe(env('mongodb').MONGO_INITDB_ROOT_PASSWORD);
    const command = words(init.command);
    expect(command).toMatch(/mongosh --host mongodb .*--username "\$MONGODB_ROOT_USER" --password "\$MONGODB_ROOT_PASSWORD"\s+--authenticationDatabase admin \/etc\/tideway\/init-replica-set\.js/);
    const script = read(hostFileOf(init, '/etc/tideway/init-replica-set.js')!);
    expect(script).toMatch(/const REPLICA_SET = 'rs0'/);
    expect(script).toMatch(/const MEMBER = 'mongodb:27017'/);
    expect(script).toMatch(/if \(error\.codeName !== 'NotYetInitialized'\) throw error/);
    expect(script).toMatch(/rs\.initiate\(\{ _id: REPLICA_SET, members: \[\{ _id: 0, host: MEMBER \}\] \}\)/);
    expect(script).toMatch(/isWritablePrimary/);
    expect(script).toMatch(/const DATABASE = 'tideway'/);
    expect(script).toMatch(/roles = \[\{ role: 'readWrite', db: DATABASE \}\]/);
  });

  it.each(APP_SERVICES)('connects %s to the replica set as that user, authenticated against admin', (name) => {
    const uri = new URL(env(name, production).MONGODB_URI!);
    expect(uri.protocol).toBe('mongodb:');
    expect(uri.host).toBe('mongodb:27017');
    expect(uri.pathname).toBe('/tideway');
    expect(uri.searchParams.get('replicaSet')).toBe('rs0');
    expect(uri.searchParams.get('authSource')).toBe('admin');
    expect(uri.username).toBe(env('mongodb-init').MONGODB_APP_USER);
    expect(decodeURIComponent(uri.password)).toBe(env('mongodb-init').MONGODB_APP_PASSWORD);
    expect(uri.username).not.toBe(env('mongodb').MONGO_INITDB_ROOT_USERNAME);
  });
});

describe('docker-compose.yml: worker and api', () => {
  it.each([
    ['worker', 'dist/worker/main.js', 'worker/main.ts'],
    ['api', 'dist/api/main.js', 'api/main.ts'],
  ])('runs %s from the one image built from the repo Dockerfile: node %s', (name, entry, source) => {
    const svc = service(name);
    expect(svc.build?.context).toBe(root);
    expect(svc.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(svc.image).toBe(service('api').image);
    expect(svc.command).toEqual(['node', entry]);
    expect(existsSync(join(root, source)), `${entry} is built from ${source}`).toBe(true);
  });

  it('runs at least two workers, which can scale: no fixed name, no published port', () => {
    const worker = service('worker');
    expect(worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports ?? []).toEqual([]);
  });

  it("checks each worker's health by asking Temporal whether that container's worker polls every task queue", () => {
    const check = service('worker').healthcheck!.test!;
    const script = hostFileOf(service('worker'), check.at(-1)!);
    expect(script).toBe('./deploy/worker-healthcheck.mjs');
    const body = read(script!);
    expect(body).toMatch(/describeTaskQueue/);
    expect(body).toMatch(/const me = `@\$\{os\.hostname\(\)\}`/);
    for (const queue of ['[queue, WORKFLOW]', '[queue, ACTIVITY]', '[`${queue}-email`, ACTIVITY]', '[`${queue}-sms`, ACTIVITY]']) expect(body).toContain(queue);
    // The SDK's default identity, which the script relies on, is `<pid>@<hostname>`.
    expect(read('node_modules/@temporalio/worker/lib/worker-options.js')).toContain('identity: `${process.pid}@${os.hostname()}`');
    expect(read('worker/create-worker.ts')).not.toMatch(/\bidentity\b/);
  });

  it.each(APP_SERVICES)('mounts the config files into %s read-only and passes their paths', (name) => {
    const svc = service(name);
    for (const [variable, file] of [['TIDEWAY_HEALTH_MODEL', 'config/health-model.json'], ['TIDEWAY_TASK_ROUTING', 'config/task-routing.json'], ['TIDEWAY_SEND_POLICY', 'config/send-policy.json'], ['TIDEWAY_CUSTOMER_ATTRIBUTES', 'config/customer-attributes.json']] as const) {
      const path = env(name)[variable]!;
      expect(path, variable).toMatch(/^\/etc\/tideway\//);
      expect(hostFileOf(svc, path), `${variable} → ${file}`).toBe(`./${file}`);
    }
  });

  it.each(APP_SERVICES)('points %s at the servers on the compose network, and takes every other address from .env', (name) => {
    const settings = env(name, production);
    expect(settings.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(settings.SMTP_URL).toBe('smtps://tideway:change-me@smtp.example.com:465');
    expect(settings.MAIL_FROM).toBe('Shop <hello@shop.example.com>');
    expect(settings.TIDEWAY_PUBLIC_URL).toBe('https://tideway.example.com');
    for (const variable of ['SMTP_URL', 'MAIL_FROM', 'TIDEWAY_PUBLIC_URL']) expect(raw.services[name]!.environment![variable], variable).toMatch(new RegExp(`^\\$\\{${variable}:\\?`));
  });

  it.each(APP_SERVICES)('passes the webhooks, the CRM stage webhook and Twilio through to %s', (name) => {
    const settings = env(name);
    expect(JSON.parse(settings.TIDEWAY_WEBHOOKS!)).toEqual({ crm: 'https://crm.example.com/hooks/tideway' });
    expect(settings.TIDEWAY_CRM_STAGE_WEBHOOK).toBe('https://crm.example.com/hooks/stages');
    expect(settings.TIDEWAY_WEBHOOK_SECRET).toBe('a-webhook-secret-of-32-characters');
    expect(settings.TWILIO_ACCOUNT_SID).toBe(`AC${'0'.repeat(32)}`);
    expect(settings.TWILIO_AUTH_TOKEN).toBe('a'.repeat(32));
    expect(settings.TWILIO_FROM).toBe('+15005550006');
    // Unset in .env, TIDEWAY_WEBHOOKS stays unset in the container (the app's default {}), not "".
    expect(env(name, production).TIDEWAY_WEBHOOKS).toBeNull();
  });

  it.each(APP_SERVICES)('passes the Temporal address, TLS settings and API key through to %s, plain gRPC to the temporal service by default', (name) => {
    const tlsSettings = ['TEMPORAL_TLS', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_API_KEY'];
    const settings = env(name, production);
    expect(settings.TEMPORAL_ADDRESS).toBe('temporal:7233');
    for (const variable of tlsSettings) expect(settings[variable], variable).toBe('');
    expect(env(name)).toMatchObject({ TEMPORAL_ADDRESS: 'tideway.a1b2c.tmprl.cloud:7233', TEMPORAL_API_KEY: 'a-temporal-cloud-api-key', TEMPORAL_TLS_SERVER_NAME: 'tideway.a1b2c.tmprl.cloud' });
    // The PEM files come from deploy/temporal-tls, read-only; git and the build context leave out all but its README.
    expect(binds(service(name))).toContainEqual({ source: './deploy/temporal-tls', target: '/etc/tideway/temporal-tls', readOnly: true });
    expect(read('.gitignore')).toMatch(/^deploy\/temporal-tls\/\*\n!deploy\/temporal-tls\/README\.md$/m);
    expect(read('.dockerignore')).toMatch(/^deploy\/temporal-tls$/m);
  });

  it.each(APP_SERVICES)('gives %s an environment its config accepts, with .env.example and with every setting', (name) => {
    for (const project of [production, everything]) {
      const settings = Object.fromEntries(Object.entries(env(name, project)).filter(([, value]) => value !== null)) as Record<string, string>;
      const parsed = configSchema.safeParse(settings);
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    }
  });

  it('requires the API key, listens on all interfaces inside its container and checks /readyz on that port', () => {
    expect(raw.services.api!.environment!.TIDEWAY_API_KEY).toMatch(/^\$\{TIDEWAY_API_KEY:\?[^}]+\}$/);
    const settings = env('api');
    expect(settings.HOST).toBe('0.0.0.0');
    expect(settings.PORT).toBe('3000');
    expect(service('api').ports).toEqual([expect.objectContaining({ host_ip: '127.0.0.1', published: '3000', target: 3000 })]);
    const check = words(service('api').healthcheck?.test);
    expect(check).toContain(`http://127.0.0.1:${settings.PORT}/readyz`);
    expect(check).not.toMatch(/\bcurl\b|\bwget\b/); // the node image has neither
  });
});

describe('deploy/worker-healthcheck.mjs against a real Temporal server', () => {
  const address = inject('temporalAddress');
  const namespace = 'default';

  /** Runs the check as the container does, with the app's folder as working directory. */
  const check = (queue: string) => runWorkerHealthcheck({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace, TEMPORAL_TASK_QUEUE: queue });

  it("is unhealthy until this container's worker polls every one of its task queues", async () => {
    const queue = `health-${randomUUID()}`;
    const connection = await Connection.connect({ address });
    const abort = new AbortController();
    // Long polls as a worker makes them (the server wants a deadline), each left open until the end of the test.
    const longPoll = (call: () => Promise<unknown>) =>
      connection.withAbortSignal(abort.signal, () => connection.withDeadline(Date.now() + 70_000, call)).catch(() => undefined);
    const poll = (identity: string, queues: { workflow: string[]; activity: string[] }) => {
      for (const name of queues.workflow) {
        void longPoll(() => connection.workflowService.pollWorkflowTaskQueue({ namespace, taskQueue: { name, kind: 1 }, identity }));
      }
      for (const name of queues.activity) {
        void longPoll(() => connection.workflowService.pollActivityTaskQueue({ namespace, taskQueue: { name, kind: 1 }, identity }));
      }
    };
    const settle = () => new Promise((done) => setTimeout(done, 1_500));
    const me = `${process.pid}@${hostname()}`;
    try {
      const none = await check(queue);
      expect(none.ok).toBe(false);
      expect(none.stderr).toContain(`worker unhealthy: no poller from ${hostname()} on ${queue} (workflow), ${queue} (activity), ${queue}-email (activity), ${queue}-sms (activity)`);

      // Another replica's worker polling everything does not make this one healthy.
      poll('1@another-replica', { workflow: [queue], activity: [queue, `${queue}-email`, `${queue}-sms`] });
      // This one polling all but the SMS queue is not healthy either.
      poll(me, { workflow: [queue], activity: [queue, `${queue}-email`] });
      await settle();
      const partly = await check(queue);
      expect(partly.ok).toBe(false);
      expect(partly.stderr).toContain(`no poller from ${hostname()} on ${queue}-sms (activity)`);

      poll(me, { workflow: [], activity: [`${queue}-sms`] });
      await settle();
      expect(await check(queue)).toEqual({ ok: true, stderr: '' });
    } finally {
      abort.abort();
      await connection.close();
    }
  });

  it('is unhealthy, with the reason, when Temporal does not answer', async () => {
    const outcome = await runWorkerHealthcheck({ TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_TASK_QUEUE: 'tideway' });
    expect(outcome.ok).toBe(false);
    expect(outcome.stderr).toMatch(/^worker unhealthy: /);
  });

  it("is unhealthy, naming the variable, when the worker's settings are wrong", async () => {
    const outcome = await runWorkerHealthcheck({ TEMPORAL_ADDRESS: address, TEMPORAL_TLS_CA: join(scratch, 'no-such-ca.pem') });
    expect(outcome.ok).toBe(false);
    expect(outcome.stderr).toMatch(/^worker unhealthy: Invalid configuration:\n {2}TEMPORAL_TLS_CA: cannot read .*no-such-ca\.pem \(ENOENT\)/);
  });
});

describe('docker-compose.yml: prometheus (profile observability)', () => {
  const config = parse(read('deploy/prometheus.yml')) as {
    scrape_configs: { job_name: string; metrics_path?: string; static_configs?: { targets: string[] }[]; dns_sd_configs?: { names: string[]; type: string; port: number }[] }[];
  };
  const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name)!;

  it('loads deploy/prometheus.yml', () => {
    const args = service('prometheus').command!;
    const file = args.find((a) => a.startsWith('--config.file='))!.split('=')[1]!;
    expect(hostFileOf(service('prometheus'), file)).toBe('./deploy/prometheus.yml');
  });

  it("scrapes the API's /metrics, every worker replica's metrics port and Temporal's endpoint", () => {
    expect(job('tideway-api').static_configs![0]!.targets).toEqual([`api:${env('api').PORT}`]);
    expect(job('tideway-api').metrics_path).toBe('/metrics');
    // DNS discovery: the service name resolves to every replica, whatever their number.
    expect(job('tideway-worker').dns_sd_configs).toEqual([expect.objectContaining({ names: ['worker'], type: 'A', port: 9464 })]);
    const temporalPort = env('temporal').PROMETHEUS_ENDPOINT!.split(':')[1];
    expect(job('temporal').static_configs![0]!.targets).toEqual([`temporal:${temporalPort}`]);
  });
});

describe('docker-compose.yml: secrets, .env and ports', () => {
  it('holds no literal secret: every secret-named setting is an interpolation without a default', () => {
    let checked = 0;
    for (const [name, svc] of Object.entries(raw.services)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (!SECRET_NAME.test(key) || value === null) continue;
        checked += 1;
        expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*|:?-)?\}$/);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
    for (const [variable, use] of referencedVariables()) {
      if (SECRET_NAME.test(variable)) expect(use.defaultValue ?? '', `${variable} has no default`).toBe('');
    }
    expect(text).toMatch(/MONGODB_URI: mongodb:\/\/\$\{MONGODB_APP_USER:-tideway\}:\$\{MONGODB_APP_PASSWORD:\?/);
  });

  it('lists every variable it reads in deploy/.env.example, with a comment, and none it does not read', () => {
    const used = referencedVariables();
    for (const variable of used.keys()) expect(documented, variable).toContain(variable);
    for (const variable of documented) expect([...used.keys()], `${variable} in .env.example is read by docker-compose.yml`).toContain(variable);
    const lines = read('deploy/.env.example').split('\n');
    for (const variable of used.keys()) {
      const at = lines.findIndex((line) => new RegExp(`^#? ?${variable}=`).test(line));
      const above = lines.slice(0, at).reverse().find((line) => !/^#? ?[A-Z][A-Z0-9_]*=/.test(line));
      expect(above, `${variable} has a comment above it`).toMatch(/^# \S/);
    }
  });

  it('sets every required variable in .env.example, with values the URI and the config accept', () => {
    const example = read('deploy/.env.example');
    for (const [variable, use] of referencedVariables()) {
      if (use.required) expect(example, variable).toMatch(new RegExp(`^${variable}=\\S`, 'm'));
    }
    expect(example).toMatch(/^MONGODB_APP_PASSWORD=[A-Za-z0-9_-]+$/m);
  });

  it('publishes every host port once, and only the API beyond the loopback when asked to', () => {
    const seen = new Map<string, string>();
    for (const [name, svc] of Object.entries(everything.services)) {
      for (const port of svc.ports ?? []) {
        expect(port.published, `${name} publishes a fixed port`).toMatch(/^\d+$/);
        expect(seen.get(port.published!), `host port ${port.published} (${name})`).toBeUndefined();
        seen.set(port.published!, name);
        expect(port.host_ip, `${name}:${port.published} on the loopback`).toBe('127.0.0.1');
      }
    }
    expect([...seen.keys()].sort()).toEqual(['1025', '1080', '3000', '7233', '8233', '9090']);
    expect(text).toContain('"${TIDEWAY_API_BIND:-127.0.0.1}:${TIDEWAY_API_PORT:-3000}:3000"');
  });

  it('keeps the databases off the host network', () => {
    for (const name of ['postgresql', 'mongodb']) expect(service(name).ports ?? [], name).toEqual([]);
  });
});

describe('Dockerfile and .dockerignore', () => {
  // The same parsing test/image-contents.test.ts lays the image out with: one reading of the Dockerfile.
  const { stages, runtime } = repoDockerfile();
  const lines = (instruction: string, stage = runtime) => stage.instructions.filter((line) => line.toUpperCase().startsWith(`${instruction} `));

  it('builds on a supported Node LTS in every stage, the runtime stage from the build stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image, stage.name).toMatch(/^node:(22|24)([.-]|$)/);
    expect(lines('RUN', stages[0]).join('\n')).toMatch(/npm run build/);
    expect(runtime.copies.filter((copy) => copy.from).map((copy) => copy.from)).toEqual([stages[0]!.name]);
  });

  it('does not run as root', () => {
    const users = lines('USER');
    expect(users.length, 'a USER line in the runtime stage').toBeGreaterThan(0);
    const last = users.at(-1)!.split(/\s+/)[1]!;
    expect(['root', '0', '0:0']).not.toContain(last);
  });

  it('installs production dependencies from the lockfile; tsx and esbuild are build tools only', () => {
    expect(lines('RUN').join('\n')).toMatch(/npm ci\b[^\n]*--omit=dev/);
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    for (const tool of ['tsx', 'esbuild', 'typescript']) expect(pkg.dependencies, `${tool} is not needed at run time`).not.toHaveProperty(tool);
  });

  it("copies the build the services run, and runs node on it (test/image-contents.test.ts runs the copied files)", () => {
    const dests = runtime.copies.map((copy) => copy.dest);
    for (const name of APP_SERVICES) {
      const entry = service(name).command!.at(-1)!;
      expect(dests.some((dest) => dest !== '' && entry.startsWith(dest.replace(/\/?$/, '/'))), `${entry} is copied`).toBe(true);
    }
    expect(lines('CMD').at(-1)).toBe(`CMD ${JSON.stringify(service('api').command).replace(/","/g, '", "')}`);
    for (const file of ['package.json', 'package-lock.json']) expect(runtime.copies.flatMap((copy) => copy.sources), file).toContain(file);
  });

  it('bakes in no secret', () => {
    for (const stage of stages) for (const line of [...lines('ENV', stage), ...lines('ARG', stage)]) expect(line).not.toMatch(SECRET_NAME);
  });

  it('keeps local state, secrets and git out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim());
    for (const entry of ['node_modules', '.data', '.git', '.env', 'dist']) expect(ignored, entry).toContain(entry);
  });
});

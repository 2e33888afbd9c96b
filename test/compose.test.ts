// The production-like Docker Compose deployment, checked statically: there is no Docker engine
// in CI, so this suite parses docker-compose.yml, the Dockerfile and the files they point at,
// and proves the wiring between them (services, health gates, addresses, secrets, ports).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema } from '../config/env.js';
import { SEARCH_ATTRIBUTES as CLI_SEARCH_ATTRIBUTES } from '../stack/search-attributes.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

interface Healthcheck {
  test?: string | string[];
  disable?: boolean;
}
interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: Healthcheck;
  ports?: (string | number | { published?: string | number; target?: number; host_ip?: string })[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  restart?: string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services;
const service = (name: string): Service => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
};

// --- Compose interpolation, as `docker compose` does it ------------------------------------

const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Resolves ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?msg}, ${VAR?msg} and $$ with `vars`. */
function interpolate(value: string, vars: Record<string, string> = {}): string {
  return value.replace(INTERPOLATION, (match, braced?: string, op?: string, arg?: string, bare?: string) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare)!;
    const set = vars[name];
    if (op === ':-') return set ? set : (arg ?? '');
    if (op === '-') return set ?? (arg ?? '');
    if (op === ':?' || op === '?') {
      if (set === undefined || (op === ':?' && set === '')) throw new Error(`required variable ${name} is unset: ${arg}`);
      return set;
    }
    return set ?? '';
  });
}

/** Every variable the compose file reads from the environment, with how it reads it. */
function referencedVariables(text: string): Map<string, { required: boolean; defaultValue?: string }> {
  const found = new Map<string, { required: boolean; defaultValue?: string }>();
  for (const m of text.matchAll(INTERPOLATION)) {
    if (m[0] === '$$') continue;
    const name = (m[1] ?? m[4])!;
    const required = m[2] === ':?' || m[2] === '?';
    const previous = found.get(name);
    found.set(name, {
      required: required || (previous?.required ?? false),
      defaultValue: m[2] === ':-' || m[2] === '-' ? m[3] : previous?.defaultValue,
    });
  }
  return found;
}

/** Sample values for the required variables, as a real .env would give them. */
const SAMPLE_ENV: Record<string, string> = {
  TEMPORAL_DB_PASSWORD: 'a-long-random-database-password',
  TIDEWAY_API_KEY: 'an-api-key-of-at-least-16-characters',
};

function environmentOf(svc: Service): Record<string, string> {
  const env = svc.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

function resolvedEnvironment(svc: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(environmentOf(svc)).map(([key, value]) => [key, interpolate(value, SAMPLE_ENV)]));
}

function dependsOn(svc: Service): Record<string, string> {
  const deps = svc.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']));
}

function words(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(' ') : (value ?? '');
}

function hasHealthcheck(svc: Service): boolean {
  const test = svc.healthcheck?.test;
  if (svc.healthcheck?.disable || test === undefined) return false;
  const parts = Array.isArray(test) ? test : [test];
  return parts.length > 0 && parts[0] !== 'NONE' && words(parts).trim() !== '';
}

interface PublishedPort {
  service: string;
  hostIp: string;
  hostPort: number;
  containerPort: number;
}

function publishedPorts(name: string, svc: Service): PublishedPort[] {
  return (svc.ports ?? []).flatMap((port): PublishedPort[] => {
    if (typeof port === 'object') {
      if (port.published === undefined || port.target === undefined) return [];
      return [{ service: name, hostIp: port.host_ip ?? '', hostPort: Number(interpolate(String(port.published), SAMPLE_ENV)), containerPort: port.target }];
    }
    const spec = interpolate(String(port), SAMPLE_ENV).replace(/\/(tcp|udp)$/, '');
    const parts = spec.split(':');
    if (parts.length < 2) return []; // container port only: nothing fixed is published
    const containerPort = Number(parts.at(-1));
    const hostPort = Number(parts.at(-2));
    const hostIp = parts.length > 2 ? parts.slice(0, -2).join(':') : '';
    return [{ service: name, hostIp, hostPort, containerPort }];
  });
}

function bindMounts(svc: Service): { source: string; target: string }[] {
  return (svc.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') {
      return volume.type === 'bind' && volume.source && volume.target ? [{ source: volume.source, target: volume.target }] : [];
    }
    const [source, target] = volume.split(':');
    return source && target && (source.startsWith('.') || source.startsWith('/')) ? [{ source, target }] : [];
  });
}

function namedVolumes(svc: Service): string[] {
  return (svc.volumes ?? []).flatMap((volume) => {
    if (typeof volume === 'object') return volume.type === 'volume' && volume.source ? [volume.source] : [];
    const [source, target] = volume.split(':');
    return source && target && !source.startsWith('.') && !source.startsWith('/') ? [source] : [];
  });
}

/** Where a service listens inside the compose network, from its image defaults and its own env. */
function listenPort(name: string): number {
  const env = resolvedEnvironment(service(name));
  const image = service(name).image ?? '';
  if (image.startsWith('temporalio/auto-setup') || image.startsWith('temporalio/server')) return Number(env.FRONTEND_GRPC_PORT ?? 7233);
  if (image.startsWith('mongo:')) return 27017;
  if (image.startsWith('maildev/maildev')) return Number(env.MAILDEV_SMTP_PORT ?? 1025);
  if (image.startsWith('postgres:')) return 5432;
  throw new Error(`no known listening port for service ${name} (${image})`);
}

const APP_SERVICES = ['worker', 'api'] as const;
const SECRET_NAME = /PASSWORD|PASSWD|PWD|SECRET|TOKEN|KEY/i;

// -------------------------------------------------------------------------------------------

describe('docker-compose.yml: services', () => {
  it('has every service of the deployment', () => {
    for (const name of ['postgresql', 'temporal', 'temporal-setup', 'temporal-ui', 'mongodb', 'mailsink', 'worker', 'api']) {
      expect(services, `service ${name}`).toHaveProperty([name]);
    }
  });

  it('pins every third-party image to an explicit version', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (svc.build) continue;
      expect(svc.image, `${name} image`).toMatch(/^[a-z0-9./-]+:[A-Za-z0-9._-]+$/);
      expect(svc.image, `${name} image`).not.toMatch(/:latest$/);
    }
    expect(service('postgresql').image).toMatch(/^postgres:16(\.|$|-)/);
    expect(service('mongodb').image).toMatch(/^mongo:7(\.|$|-)/);
    expect(service('mailsink').image).toBe('maildev/maildev:2.2.1');
    expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:\d+\.\d+\.\d+$/);
    expect(service('temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(service('temporal-setup').image).toMatch(/^temporalio\/admin-tools:\d+\.\d+\.\d+/);
  });

  it('keeps postgresql and mongodb data in named volumes', () => {
    for (const [name, dataDir] of [['postgresql', '/var/lib/postgresql/data'], ['mongodb', '/data/db']] as const) {
      const volumes = namedVolumes(service(name));
      expect(volumes.length, `${name} named volume`).toBeGreaterThan(0);
      for (const volume of volumes) expect(compose.volumes, `top-level volume ${volume}`).toHaveProperty([volume]);
      expect(JSON.stringify(service(name).volumes), `${name} mounts ${dataDir}`).toContain(`:${dataDir}`);
    }
  });

  it('checks health with the right tool for each server', () => {
    expect(words(service('postgresql').healthcheck?.test)).toContain('pg_isready');
    expect(words(service('temporal').healthcheck?.test)).toMatch(/temporal operator cluster health|tctl .*cluster health/);
    expect(words(service('mongodb').healthcheck?.test)).toMatch(/mongosh.*ping/);
    expect(words(service('mailsink').healthcheck?.test)).toMatch(/healthz/);
    expect(words(service('api').healthcheck?.test)).toMatch(/node -e .*fetch\(.*\/readyz/);
  });

  it('points every bind mount at a file or folder of the repo', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const mount of bindMounts(svc)) {
        expect(mount.source, `${name}: relative host path`).toMatch(/^\.\//);
        expect(existsSync(join(root, mount.source)), `${name}: ${mount.source} exists`).toBe(true);
      }
    }
  });
});

describe('docker-compose.yml: start-up order', () => {
  it('only names services that exist in depends_on', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const dep of Object.keys(dependsOn(svc))) expect(services, `${name} depends on ${dep}`).toHaveProperty([dep]);
    }
  });

  it('waits for health only on services that have a healthcheck', () => {
    let gates = 0;
    for (const [name, svc] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(svc))) {
        if (condition !== 'service_healthy') continue;
        gates += 1;
        expect(hasHealthcheck(service(dep)), `${name} waits for ${dep} to be healthy, so ${dep} needs a healthcheck`).toBe(true);
      }
    }
    expect(gates).toBeGreaterThan(0);
  });

  it('waits for one-shot services to complete only when they really are one-shot', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependsOn(svc))) {
        if (condition !== 'service_completed_successfully') continue;
        expect([undefined, 'no', 'on-failure'], `${name} waits for ${dep} to exit, so ${dep} must not restart forever`).toContain(
          service(dep).restart,
        );
      }
    }
  });

  it('starts temporal after postgresql is healthy, and its tools after temporal is healthy', () => {
    expect(dependsOn(service('temporal')).postgresql).toBe('service_healthy');
    expect(dependsOn(service('temporal-setup')).temporal).toBe('service_healthy');
    expect(dependsOn(service('temporal-ui')).temporal).toBeDefined();
  });

  it.each(APP_SERVICES)('starts %s after temporal, mongodb and mailsink are healthy and the search attributes exist', (name) => {
    const deps = dependsOn(service(name));
    expect(deps.temporal).toBe('service_healthy');
    expect(deps.mongodb).toBe('service_healthy');
    expect(deps.mailsink).toBe('service_healthy');
    expect(deps['temporal-setup']).toBe('service_completed_successfully');
  });
});

describe('docker-compose.yml: temporal', () => {
  const temporal = () => resolvedEnvironment(service('temporal'));

  it('persists to the postgresql service with the same credentials postgres is created with', () => {
    const env = temporal();
    const postgres = resolvedEnvironment(service('postgresql'));
    expect(env.DB).toBe('postgres12');
    expect(env.POSTGRES_SEEDS).toBe('postgresql');
    expect(services).toHaveProperty([env.POSTGRES_SEEDS!]);
    expect(Number(env.DB_PORT ?? 5432)).toBe(listenPort('postgresql'));
    expect(env.POSTGRES_USER).toBe(postgres.POSTGRES_USER ?? 'postgres');
    expect(env.POSTGRES_PWD).toBe(postgres.POSTGRES_PASSWORD);
    // Same variable on both sides, not two literals that happen to match today.
    expect(environmentOf(service('temporal')).POSTGRES_PWD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD[:?}]/);
    expect(environmentOf(service('postgresql')).POSTGRES_PASSWORD).toMatch(/^\$\{TEMPORAL_DB_PASSWORD[:?}]/);
  });

  it('loads a dynamic config file that ships with the repo', () => {
    const env = temporal();
    expect(env.DYNAMIC_CONFIG_FILE_PATH).toBeTruthy();
    const inContainer = posix.resolve('/etc/temporal', env.DYNAMIC_CONFIG_FILE_PATH!);
    const mount = bindMounts(service('temporal')).find((m) => inContainer.startsWith(`${m.target.replace(/\/$/, '')}/`));
    expect(mount, `a bind mount holds ${inContainer}`).toBeDefined();
    const onHost = join(root, mount!.source, posix.relative(mount!.target, inContainer));
    expect(statSync(onHost).isFile()).toBe(true);
    const dynamicConfig = parse(readFileSync(onHost, 'utf8')) as Record<string, { value: unknown; constraints?: object }[]>;
    for (const [key, entries] of Object.entries(dynamicConfig)) {
      expect(Array.isArray(entries), `${key} is a list of { value, constraints }`).toBe(true);
      for (const entry of entries) expect(entry, key).toHaveProperty('value');
    }
  });

  it("registers each of Tideway's search attributes with its type", () => {
    const setup = service('temporal-setup');
    const env = resolvedEnvironment(setup);
    const [host, port] = (env.TEMPORAL_ADDRESS ?? '').split(':');
    expect(host).toBe('temporal');
    expect(Number(port)).toBe(listenPort('temporal'));
    expect(env.TEMPORAL_NAMESPACE ?? 'default').toBe(temporal().DEFAULT_NAMESPACE ?? 'default');

    // The NAME=TYPE pairs are the arguments of the one-shot script...
    const args = Array.isArray(setup.command) ? setup.command : (setup.command ?? '').split(/\s+/).filter(Boolean);
    const expected = Object.entries(CLI_SEARCH_ATTRIBUTES).map(([name, type]) => `${name}=${type}`).sort();
    expect(expected).toContain('HealthScore=Int');
    expect(expected).toHaveLength(SEARCH_ATTRIBUTES.length);
    expect([...args].sort()).toEqual(expected);

    // ...and the script that the entrypoint runs is mounted from the repo and creates each with its type.
    const entrypoint = Array.isArray(setup.entrypoint) ? setup.entrypoint : (setup.entrypoint ?? '').split(/\s+/);
    const mount = bindMounts(setup).find((m) => entrypoint.includes(m.target));
    expect(mount, 'the entrypoint runs a script mounted from the repo').toBeDefined();
    const script = read(mount!.source);
    expect(script).toMatch(/temporal operator search-attribute create[^\n]*\\?\n?[^\n]*--name "\$name" --type "\$type"/);
    expect(script).toMatch(/name="\$\{arg%%=\*\}"/);
    expect(script).toMatch(/type="\$\{arg#\*=\}"/);
    expect(script).toMatch(/for arg in "\$@"/);
    expect(script).toMatch(/set -eu/);
  });

  it('serves the Temporal UI on 8233 from the temporal frontend', () => {
    const ui = service('temporal-ui');
    expect(resolvedEnvironment(ui).TEMPORAL_ADDRESS).toBe(`temporal:${listenPort('temporal')}`);
    expect(publishedPorts('temporal-ui', ui)).toContainEqual(expect.objectContaining({ hostPort: 8233, containerPort: 8080 }));
  });

  it('publishes the mail sink SMTP and web ports', () => {
    const ports = publishedPorts('mailsink', service('mailsink')).map((p) => p.containerPort);
    expect(ports).toContain(1025);
    expect(ports).toContain(1080);
  });
});

describe('docker-compose.yml: worker and api', () => {
  const packageJson = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

  it.each(APP_SERVICES)('builds %s from the repo Dockerfile and runs `npm run <it>`', (name) => {
    const svc = service(name);
    const build = typeof svc.build === 'string' ? { context: svc.build } : svc.build;
    expect(build, `${name} is built, not pulled`).toBeDefined();
    const context = build!.context ?? '.';
    expect(resolve(root, context)).toBe(root);
    expect(existsSync(join(root, context, build!.dockerfile ?? 'Dockerfile'))).toBe(true);
    expect(build!.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(words(svc.command)).toBe(`npm run ${name}`);
    expect(packageJson.scripts[name], `package.json has a "${name}" script`).toMatch(/^tsx /);
  });

  it('runs worker and api from one image', () => {
    expect(service('worker').image).toBe(service('api').image);
    expect(service('worker').build).toEqual(service('api').build);
  });

  it.each(APP_SERVICES)('points %s at the services and ports that exist', (name) => {
    const env = resolvedEnvironment(service(name));

    const [temporalHost, temporalPort] = env.TEMPORAL_ADDRESS!.split(':');
    expect(temporalHost).toBe('temporal');
    expect(Number(temporalPort)).toBe(listenPort('temporal'));
    expect(env.TEMPORAL_NAMESPACE).toBe(resolvedEnvironment(service('temporal')).DEFAULT_NAMESPACE ?? 'default');

    const mongo = new URL(env.MONGODB_URI!);
    expect(mongo.protocol).toBe('mongodb:');
    expect(mongo.hostname).toBe('mongodb');
    expect(Number(mongo.port || 27017)).toBe(listenPort('mongodb'));
    expect(mongo.pathname).toBe('/tideway');

    const smtp = new URL(env.SMTP_URL!);
    expect(smtp.protocol).toBe('smtp:');
    expect(smtp.hostname).toBe('mailsink');
    expect(Number(smtp.port)).toBe(listenPort('mailsink'));

    for (const host of [temporalHost, mongo.hostname, smtp.hostname]) expect(services).toHaveProperty([host!]);
    expect(env.MAIL_FROM).toBeTruthy();
    for (const twilio of ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_FROM']) {
      expect(environmentOf(service(name))[twilio], twilio).toMatch(new RegExp(`^\\$\\{${twilio}:-\\}$`));
    }
  });

  it.each(APP_SERVICES)('gives %s an environment its config accepts', (name) => {
    const parsed = configSchema.safeParse(resolvedEnvironment(service(name)));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });

  it('requires the API key, listens on all interfaces, publishes its port and checks /readyz on it', () => {
    const api = service('api');
    const raw = environmentOf(api);
    expect(raw.TIDEWAY_API_KEY).toMatch(/^\$\{TIDEWAY_API_KEY:\?[^}]+\}$/);
    const env = resolvedEnvironment(api);
    expect(env.HOST).toBe('0.0.0.0');
    const port = Number(env.PORT);
    expect(port).toBe(3000);
    expect(publishedPorts('api', api)).toContainEqual(expect.objectContaining({ hostPort: 3000, containerPort: port }));
    const check = words(api.healthcheck?.test);
    expect(check).toMatch(new RegExp(`http://(localhost|127\\.0\\.0\\.1):${port}/readyz`));
    expect(check).not.toMatch(/\bcurl\b|\bwget\b/); // node:20-slim has neither
  });
});

describe('docker-compose.yml: secrets and ports', () => {
  const text = read('docker-compose.yml');

  it('holds no literal secret: every secret-named variable is an interpolation without a default', () => {
    let checked = 0;
    for (const [name, svc] of Object.entries(services)) {
      for (const [key, value] of Object.entries(environmentOf(svc))) {
        if (!SECRET_NAME.test(key)) continue;
        checked += 1;
        expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Za-z_][A-Za-z0-9_]*(?::?\?[^}]*|:?-)?\}$/);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
    for (const [variable, use] of referencedVariables(text)) {
      if (SECRET_NAME.test(variable)) expect(use.defaultValue ?? '', `${variable} has no default`).toBe('');
    }
  });

  it('stops compose when a required secret is missing', () => {
    const vars = referencedVariables(text);
    for (const required of ['TEMPORAL_DB_PASSWORD', 'TIDEWAY_API_KEY']) expect(vars.get(required)?.required, required).toBe(true);
    expect(() => interpolate(environmentOf(service('api')).TIDEWAY_API_KEY!, {})).toThrow(/TIDEWAY_API_KEY/);
  });

  it('documents every variable it reads in deploy/.env.example', () => {
    const example = read('deploy/.env.example');
    for (const variable of referencedVariables(text).keys()) {
      expect(example, variable).toMatch(new RegExp(`^#? ?${variable}=`, 'm'));
    }
  });

  it('publishes every host port once', () => {
    const ports = Object.entries(services).flatMap(([name, svc]) => publishedPorts(name, svc));
    expect(ports.length).toBeGreaterThanOrEqual(5);
    const seen = new Map<number, string>();
    for (const port of ports) {
      expect(Number.isInteger(port.hostPort) && port.hostPort > 0, `${port.service} host port`).toBe(true);
      expect(seen.get(port.hostPort), `host port ${port.hostPort} (${port.service})`).toBeUndefined();
      seen.set(port.hostPort, port.service);
    }
  });

  it('keeps the databases off the host network', () => {
    expect(publishedPorts('postgresql', service('postgresql'))).toEqual([]);
    expect(publishedPorts('mongodb', service('mongodb'))).toEqual([]);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = existsSync(join(root, 'Dockerfile')) ? read('Dockerfile') : '';
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const lines = (instruction: string) => instructions.filter((line) => line.toUpperCase().startsWith(`${instruction} `));

  it('exists and builds from node:20', () => {
    expect(dockerfile).not.toBe('');
    const froms = lines('FROM');
    expect(froms.length).toBeGreaterThan(0);
    const stages = new Set(froms.map((line) => line.split(/\s+/)[3]).filter(Boolean));
    for (const from of froms) {
      const image = from.split(/\s+/).find((word, i) => i > 0 && !word.startsWith('--'))!;
      if (stages.has(image)) continue; // FROM an earlier stage
      expect(image, from).toMatch(/^node:20([.-]|$)/);
    }
  });

  it('does not run as root', () => {
    const users = lines('USER');
    expect(users.length, 'a USER line').toBeGreaterThan(0);
    const last = users.at(-1)!.split(/\s+/)[1]!;
    expect(['root', '0', '0:0']).not.toContain(last);
    // The final stage switches user after its last FROM.
    const lastIndexOf = (instruction: string) =>
      instructions.reduce((last, line, i) => (line.toUpperCase().startsWith(`${instruction} `) ? i : last), -1);
    const lastFrom = lastIndexOf('FROM');
    const lastUser = lastIndexOf('USER');
    expect(lastUser).toBeGreaterThan(lastFrom);
  });

  it('installs production dependencies from the lockfile, tsx among them', () => {
    expect(dockerfile).toMatch(/npm ci\b[^\n]*--omit=dev/);
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies, 'tsx runs the app, so it is a runtime dependency').toHaveProperty('tsx');
  });

  it('copies the code the worker and the API run', () => {
    const copies = lines('COPY').join('\n');
    for (const folder of ['domain', 'journeys', 'workflows', 'activities', 'store', 'worker', 'api', 'config']) {
      expect(existsSync(join(root, folder)), `${folder}/ exists`).toBe(true);
      expect(copies, `${folder}/ is copied`).toMatch(new RegExp(`\\s${folder}/?\\s`));
    }
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json']) expect(copies).toContain(file);
  });

  it('bakes in no secret', () => {
    for (const line of [...lines('ENV'), ...lines('ARG')]) expect(line).not.toMatch(SECRET_NAME);
  });

  it('keeps local state, secrets and git out of the build context', () => {
    const ignored = read('.dockerignore')
      .split(/\r?\n/)
      .map((line) => line.trim());
    for (const entry of ['node_modules', '.data', '.git', '.env']) expect(ignored, entry).toContain(entry);
  });
});

import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { guardedRoute, ROUTE_ACCESS } from '../api/access.js';
import { createApp } from '../api/app.js';
import { openApiDocument } from '../api/openapi.js';

type Layer = { route?: { path: string; methods: Record<string, boolean>; stack: { handle: unknown }[] }; handle?: { stack?: Layer[] } };
const routeLayers = (stack: Layer[]): NonNullable<Layer['route']>[] => stack.flatMap((layer) => (layer.route ? [layer.route] : routeLayers(layer.handle?.stack ?? [])));

const app = createApp({ temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), taskQueue: 'route-access', apiKeys: ['k'.repeat(16)], log: () => {} });
const served = routeLayers((app as Express & { router: { stack: Layer[] } }).router.stack).flatMap((route) =>
  Object.keys(route.methods).map((method) => ({ key: `${method.toUpperCase()} ${route.path}`, guard: guardedRoute(route.stack[0]?.handle) })),
);

describe('every /v1 route declares the least role it needs', () => {
  it('guards each served /v1 route first with its own entry of ROUTE_ACCESS', () => {
    const v1 = served.filter(({ key }) => key.split(' ')[1]!.startsWith('/v1'));
    expect(v1.length).toBeGreaterThan(20);
    for (const { key, guard } of v1) expect(guard, `${key} is not registered through route() with a role in api/access.ts`).toBe(key);
  });

  it('serves every route of the table (no stale entries)', () => {
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(served.filter(({ guard }) => guard).map(({ key }) => key).sort());
  });

  it('states each role in the OpenAPI document, with a 403 naming it', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, { 'x-tideway-role'?: string; responses: Record<string, { description: string }> }>> };
    for (const [key, access] of Object.entries(ROUTE_ACCESS)) {
      const [method, path] = key.split(' ') as [string, string];
      const operation = doc.paths[path.replace(/(?<!\\):(\w+)/g, '{$1}').replace(/\\/g, '')]?.[method.toLowerCase()];
      expect(operation?.['x-tideway-role'], key).toBe(access);
      if (access !== 'public') expect(operation?.responses[403]?.description, key).toContain(`"${access}"`);
    }
  });
});

import { Client, Connection } from '@temporalio/client';
import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.js';
import { openApiDocument } from '../api/openapi.js';

describe('the OpenAPI document', () => {
  it('describes each request body from the schema the route parses with', () => {
    const doc = openApiDocument();
    const event = doc.paths['/v1/events'].post.requestBody.content['application/json'].schema as unknown as {
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    // customerId or identity, exactly one: the route enforces it; the schema can only list both.
    expect(event.required.sort()).toEqual(['type']);
    expect(Object.keys(event.properties).sort()).toEqual(['customerId', 'eventId', 'identity', 'occurredAt', 'properties', 'type']);
    expect(event.additionalProperties).toBe(false);
    const stage = doc.paths['/v1/customers/{id}/stage'].post.requestBody.content['application/json'].schema as unknown as {
      properties: { stage: { enum: string[] } };
    };
    expect(stage.properties.stage.enum).toContain('nurturing');
    const profile = doc.paths['/v1/customers/{id}'].put.requestBody.content['application/json'].schema as unknown as {
      properties: { identities: { items: { properties: { kind: { enum: string[] } } } } };
    };
    expect(profile.properties.identities.items.properties.kind.enum).toEqual(['email', 'phone', 'wechat', 'external']);
    const merge = doc.paths['/v1/customers/{id}/merge'].post.requestBody.content['application/json'].schema as unknown as { required: string[] };
    expect(merge.required).toEqual(['otherId']);
    const reopen = doc.paths['/v1/tasks/{id}/reopen'].post.requestBody.content['application/json'].schema as unknown as { required: string[]; properties: Record<string, unknown> };
    expect(reopen.required).toEqual(['reason']);
    expect(Object.keys(reopen.properties).sort()).toEqual(['reason', 'sla']);
  });
});

type Operation = { requestBody?: unknown; security?: unknown[]; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
const operations = () =>
  Object.entries(openApiDocument().paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

describe('the OpenAPI document states the limits and every answer', () => {
  it('gives every response of every route a schema (schemathesis checks answers against them)', () => {
    for (const { route, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status === '204') continue;
        const schemas = Object.values(response.content ?? {}).map((media) => media.schema);
        expect(schemas.length, `${route} ${status}`).toBeGreaterThan(0);
        expect(schemas.every(Boolean), `${route} ${status}`).toBe(true);
      }
    }
  });

  it('lists 413 and 415 for every route that takes a body, 401 and 403 for every route with credentials', () => {
    for (const { route, operation } of operations()) {
      const statuses = Object.keys(operation.responses);
      if (operation.requestBody) expect(statuses, route).toEqual(expect.arrayContaining(['400', '413', '415', '503']));
      if (operation.security?.length !== 0) expect(statuses, route).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('documents every route the app serves', () => {
    type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } };
    const served = (stack: Layer[]): string[] =>
      stack.flatMap((layer) =>
        layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`) : served(layer.handle?.stack ?? []),
      );
    const app = createApp({ temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }), taskQueue: 'openapi', apiKeys: ['k'.repeat(16)], log: () => {} });
    const routes = served((app as Express & { router: { stack: Layer[] } }).router.stack).map((route) => route.replace(/(?<!\\):(\w+)/g, '{$1}').replace(/\\/g, ''));
    // The console's pages (and the redirects to them) are for browsers, not part of the API.
    const consolePages = new Set(['GET /', 'GET /console']);
    expect(operations().map(({ route }) => route).sort()).toEqual([...new Set(routes)].filter((route) => !consolePages.has(route)).sort());
  });

  it("states an event's limits: properties' depth, keys, size, keys refused; numbers' and dates' ranges", () => {
    const event = openApiDocument().paths['/v1/events'].post.requestBody.content['application/json'].schema as unknown as {
      properties: { properties: { maxProperties: number; description: string }; occurredAt: { description: string }; eventId: { maxLength: number } };
    };
    expect(event.properties.properties.maxProperties).toBe(100);
    for (const stated of ['5 levels', '100 keys', '16 KB', 'no array directly inside an array', '"$"', '"."', 'NUL', 'orderTotal', '1000000000', '`score` from 1 to 5']) {
      expect(event.properties.properties.description).toContain(stated);
    }
    expect(event.properties.occurredAt.description).toMatch(/not before 2000-01-01.*1 day ahead/);
    expect(event.properties.eventId.maxLength).toBe(200);
  });

  it('refers only to schemas it defines', () => {
    const refs = JSON.stringify(openApiDocument()).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(new Set(refs)).toEqual(new Set(['"$ref":"#/components/schemas/Problem"']));
  });
});

import { describe, expect, it } from 'vitest';
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
  });
});

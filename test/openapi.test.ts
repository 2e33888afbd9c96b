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
    expect(event.required.sort()).toEqual(['customerId', 'type']);
    expect(Object.keys(event.properties).sort()).toEqual(['customerId', 'eventId', 'occurredAt', 'properties', 'type']);
    expect(event.additionalProperties).toBe(false);
    const stage = doc.paths['/v1/customers/{id}/stage'].post.requestBody.content['application/json'].schema as unknown as {
      properties: { stage: { enum: string[] } };
    };
    expect(stage.properties.stage.enum).toContain('nurturing');
  });
});

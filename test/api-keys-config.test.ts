import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';

const key = (c: string) => c.repeat(16);

describe('API keys with roles', () => {
  it('gives TIDEWAY_API_KEY keys the admin role, as before roles, and TIDEWAY_API_KEYS keys their own', () => {
    const config = loadConfig({ TIDEWAY_API_KEY: `${key('a')},${key('b')}`, TIDEWAY_API_KEYS: JSON.stringify({ shop: { key: key('c'), role: 'agent' }, wall: { key: key('d'), role: 'viewer' } }) });
    expect(config.apiKeys).toEqual([
      { name: 'api-key-1', key: key('a'), role: 'admin' },
      { name: 'api-key-2', key: key('b'), role: 'admin' },
      { name: 'shop', key: key('c'), role: 'agent' },
      { name: 'wall', key: key('d'), role: 'viewer' },
    ]);
    expect(loadConfig({}).apiKeys).toEqual([]);
    // Compose passes an unset variable as empty.
    expect(loadConfig({ TIDEWAY_API_KEY: key('a'), TIDEWAY_API_KEYS: '' }).apiKeys).toHaveLength(1);
  });

  it('stops on a bad TIDEWAY_API_KEYS, naming the variable and what is wrong', () => {
    const fails = (value: string, message: RegExp) => expect(() => loadConfig({ TIDEWAY_API_KEY: key('a'), TIDEWAY_API_KEYS: value })).toThrow(message);
    fails('{shop', /TIDEWAY_API_KEYS: a JSON object like \{"shop":\{"key":/);
    fails('["x"]', /TIDEWAY_API_KEYS: a JSON object like/);
    fails(JSON.stringify({ Shop: { key: key('c'), role: 'agent' } }), /TIDEWAY_API_KEYS\.Shop: a key name of lower-case letters/);
    fails(JSON.stringify({ shop: { key: 'short', role: 'agent' } }), /TIDEWAY_API_KEYS\.shop\.key: at least 16 characters/);
    fails(JSON.stringify({ shop: { key: key('c'), role: 'boss' } }), /TIDEWAY_API_KEYS\.shop\.role: a role: viewer, agent, marketer, admin/);
    fails(JSON.stringify({ shop: { key: key('a'), role: 'agent' } }), /TIDEWAY_API_KEYS: "shop" has the same key as "api-key-1"/);
    fails(JSON.stringify({ 'api-key-1': { key: key('c'), role: 'agent' } }), /TIDEWAY_API_KEYS: the name "api-key-1" is taken/);
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';

describe('configuration from the environment', () => {
  it('has defaults that run everything on this machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ HOST: '127.0.0.1', PORT: 3000, TEMPORAL_ADDRESS: '127.0.0.1:7233', TIDEWAY_API_KEY: [] });
  });

  it('takes a comma-separated list of API keys', () => {
    expect(loadConfig({ TIDEWAY_API_KEY: 'aaaaaaaaaaaaaaaa, bbbbbbbbbbbbbbbb' }).TIDEWAY_API_KEY).toEqual(['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb']);
  });

  it('stops with a message naming each bad variable', () => {
    const bad = () => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', TIDEWAY_API_KEY: 'short' });
    expect(bad).toThrow(/^Invalid configuration:/);
    expect(bad).toThrow(/\n {2}PORT: /);
    expect(bad).toThrow(/\n {2}MONGODB_URI: a mongodb:\/\/ URI/);
    expect(bad).toThrow(/\n {2}TIDEWAY_API_KEY\.0: each API key needs at least 16 characters/);
  });
});

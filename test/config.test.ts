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
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', TIDEWAY_API_KEY: 'short' })).toThrow(
      /PORT: .*\n {2}TIDEWAY_API_KEY.*: each API key needs at least 16 characters\n {2}MONGODB_URI: a mongodb:\/\/ URI|PORT/,
    );
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('MONGODB_URI: a mongodb:// URI');
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env.js';

describe('TIDEWAY_PUBLIC_URL (where unsubscribe links and Twilio callbacks point)', () => {
  const publicUrl = (env: Record<string, string>) => loadConfig(env).TIDEWAY_PUBLIC_URL;

  it('defaults to where the API listens', () => {
    expect(publicUrl({})).toBe('http://127.0.0.1:3000');
    expect(publicUrl({ PORT: '4100' })).toBe('http://127.0.0.1:4100');
    expect(publicUrl({ HOST: 'tideway.internal', PORT: '8080' })).toBe('http://tideway.internal:8080');
    expect(publicUrl({ HOST: '::1', PORT: '4100' })).toBe('http://[::1]:4100');
  });

  it('means this machine when the API listens on every address', () => {
    expect(publicUrl({ HOST: '0.0.0.0', PORT: '4100' })).toBe('http://127.0.0.1:4100');
    expect(publicUrl({ HOST: '::', PORT: '4100' })).toBe('http://127.0.0.1:4100');
  });

  it('is what is set, whatever the port; empty counts as unset', () => {
    expect(publicUrl({ PORT: '4100', TIDEWAY_PUBLIC_URL: 'https://crm.example.com' })).toBe('https://crm.example.com');
    expect(publicUrl({ PORT: '4100', TIDEWAY_PUBLIC_URL: '' })).toBe('http://127.0.0.1:4100');
    expect(() => loadConfig({ TIDEWAY_PUBLIC_URL: 'not a url' })).toThrow(/TIDEWAY_PUBLIC_URL: /);
  });
});

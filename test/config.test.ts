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

  describe("the worker's metrics endpoint", () => {
    it('is on 0.0.0.0:9464 unless set (empty counts as unset), and `off` turns it off', () => {
      expect(loadConfig({}).TIDEWAY_WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
      expect(loadConfig({ TIDEWAY_WORKER_METRICS_ADDRESS: '' }).TIDEWAY_WORKER_METRICS_ADDRESS).toBe('0.0.0.0:9464');
      expect(loadConfig({ TIDEWAY_WORKER_METRICS_ADDRESS: '127.0.0.1:9500' }).TIDEWAY_WORKER_METRICS_ADDRESS).toBe('127.0.0.1:9500');
      expect(loadConfig({ TIDEWAY_WORKER_METRICS_ADDRESS: '[::]:9464' }).TIDEWAY_WORKER_METRICS_ADDRESS).toBe('[::]:9464');
      expect(loadConfig({ TIDEWAY_WORKER_METRICS_ADDRESS: 'off' }).TIDEWAY_WORKER_METRICS_ADDRESS).toBeUndefined();
    });

    it('stops start-up on an address the exporter cannot bind, naming the variable', () => {
      for (const bad of ['9464', 'localhost:9464', '0.0.0.0', '0.0.0.0:99999', '0.0.0.0:0', '::1:9464', 'http://0.0.0.0:9464']) {
        expect(() => loadConfig({ TIDEWAY_WORKER_METRICS_ADDRESS: bad }), bad).toThrow(/\n {2}TIDEWAY_WORKER_METRICS_ADDRESS: an IP address and port like 0\.0\.0\.0:9464/);
      }
    });
  });

  describe('traces', () => {
    it('are off unless an OTLP endpoint is set (empty counts as unset)', () => {
      expect(loadConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
      expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_SERVICE_NAME: '' })).toMatchObject({ OTEL_EXPORTER_OTLP_ENDPOINT: undefined, OTEL_SERVICE_NAME: undefined });
      expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_SERVICE_NAME: 'tideway-worker-eu' })).toMatchObject({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318',
        OTEL_SERVICE_NAME: 'tideway-worker-eu',
      });
    });

    it('stop start-up on a malformed endpoint, naming the variable', () => {
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toThrow(/\n {2}OTEL_EXPORTER_OTLP_ENDPOINT: an http:\/\/ or https:\/\/ URL/);
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://otel-collector:4317' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT: /);
    });
  });

  describe('Twilio', () => {
    const account = { TWILIO_ACCOUNT_SID: `AC${'0a'.repeat(16)}`, TWILIO_AUTH_TOKEN: 'f'.repeat(32) };

    it('is off when unset or empty (as compose passes it), so SMS stay in the outbox', () => {
      expect(loadConfig({}).TWILIO_ACCOUNT_SID).toBeUndefined();
      const empty = loadConfig({ TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_FROM: '', TWILIO_MESSAGING_SERVICE_SID: '', TWILIO_API_BASE_URL: '' });
      expect(empty).toMatchObject({ TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined, TWILIO_FROM: undefined });
    });

    it('takes an account with a from-number or a Messaging Service, and an API base URL for tests', () => {
      expect(loadConfig({ ...account, TWILIO_FROM: '+15005550006', TWILIO_API_BASE_URL: 'http://127.0.0.1:4010' })).toMatchObject({
        ...account,
        TWILIO_FROM: '+15005550006',
        TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
      });
      expect(loadConfig({ ...account, TWILIO_MESSAGING_SERVICE_SID: `MG${'0b'.repeat(16)}` }).TWILIO_MESSAGING_SERVICE_SID).toBe(`MG${'0b'.repeat(16)}`);
    });

    it('stops on a malformed value, naming the variable', () => {
      const bad = () => loadConfig({ TWILIO_ACCOUNT_SID: 'AC123', TWILIO_AUTH_TOKEN: 'secret', TWILIO_FROM: '12', TWILIO_API_BASE_URL: 'api.twilio.local' });
      expect(bad).toThrow(/\n {2}TWILIO_ACCOUNT_SID: a Twilio account SID: AC followed by 32 hex characters/);
      expect(bad).toThrow(/\n {2}TWILIO_AUTH_TOKEN: the account's auth token: 32 hex characters/);
      expect(bad).toThrow(/\n {2}TWILIO_FROM: an E\.164 number/);
      expect(bad).toThrow(/\n {2}TWILIO_API_BASE_URL: an http:\/\/ or https:\/\/ URL/);
    });

    it('stops on a half-configured account instead of quietly keeping SMS in the outbox', () => {
      expect(() => loadConfig({ TWILIO_FROM: '+15005550006' })).toThrow(/TWILIO_ACCOUNT_SID: required \(with TWILIO_AUTH_TOKEN\) when TWILIO_FROM is set/);
      expect(() => loadConfig({ TWILIO_ACCOUNT_SID: account.TWILIO_ACCOUNT_SID, TWILIO_FROM: '+15005550006' })).toThrow(/TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set/);
      expect(() => loadConfig(account)).toThrow(/TWILIO_FROM: set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/);
      expect(() => loadConfig({ ...account, TWILIO_FROM: '+15005550006', TWILIO_MESSAGING_SERVICE_SID: `MG${'0b'.repeat(16)}` })).toThrow(/not both/);
    });
  });
});

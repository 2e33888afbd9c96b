import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/env.js';
import { scrubText, scrubValue } from '../config/log-redaction.js';

const BASE = { TIDEWAY_API_KEY: 'test-key-0123456789abcdef' };
const WECOM = { WECOM_CORP_ID: 'ww68a125fce698cb59', WECOM_SECRET: 'sXQeFCLDQJkwrX5lMWDzBTEIiHK1J7', WECOM_SENDER: 'zhangsan' };

/** The lines of the start-up error, or [] when the configuration loads. */
function problems(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...BASE, ...env });
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.split('\n').slice(1).map((line) => line.trim());
  }
}

describe('WeCom settings', () => {
  it('all set: WeCom is configured, against qyapi.weixin.qq.com unless WECOM_API_URL says otherwise, 5 messages/s', () => {
    const config = loadConfig({ ...BASE, ...WECOM });
    expect(config).toMatchObject({ ...WECOM, TIDEWAY_WECOM_PER_SECOND: 5 });
    expect(config.WECOM_API_URL).toBeUndefined();
    expect(loadConfig({ ...BASE, ...WECOM, WECOM_API_URL: 'http://127.0.0.1:9/' }).WECOM_API_URL).toBe('http://127.0.0.1:9/');
  });

  it('none set (or set empty): no WeCom, messages go to the outbox', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ WECOM_CORP_ID: '', WECOM_SECRET: '', WECOM_SENDER: '' })).toEqual([]);
  });

  it('half-configured: start-up stops, naming each missing variable', () => {
    expect(problems({ WECOM_CORP_ID: WECOM.WECOM_CORP_ID })).toEqual([
      'WECOM_SECRET: required (with WECOM_CORP_ID and WECOM_SENDER) when WECOM_CORP_ID is set',
      'WECOM_SENDER: required (with WECOM_CORP_ID and WECOM_SECRET) when WECOM_CORP_ID is set: the staff member who sends to customers without one of their own',
    ]);
    expect(problems({ WECOM_API_URL: 'http://127.0.0.1:9' })).toEqual([
      'WECOM_CORP_ID: required (with WECOM_SECRET and WECOM_SENDER) when WECOM_API_URL is set',
      'WECOM_SECRET: required (with WECOM_CORP_ID and WECOM_SENDER) when WECOM_API_URL is set',
      'WECOM_SENDER: required (with WECOM_CORP_ID and WECOM_SECRET) when WECOM_API_URL is set: the staff member who sends to customers without one of their own',
    ]);
  });

  it('a malformed value stops start-up, naming the variable', () => {
    expect(problems({ ...WECOM, WECOM_SENDER: '-bad sender' })).toEqual(['WECOM_SENDER: a WeCom member userid like "zhangsan" (letters, digits and _-@., up to 64)']);
    expect(problems({ ...WECOM, WECOM_API_URL: 'qyapi.weixin.qq.com' })).toEqual(['WECOM_API_URL: an http:// or https:// URL']);
    expect(problems({ ...WECOM, TIDEWAY_WECOM_PER_SECOND: '0' })).toHaveLength(1);
  });

  it('the secret and access tokens never reach a log line', () => {
    expect(scrubValue({ WECOM_SECRET: WECOM.WECOM_SECRET, corpsecret: 'x', access_token: 'y' })).toEqual({ WECOM_SECRET: '[redacted]', corpsecret: '[redacted]', access_token: '[redacted]' });
    expect(scrubText('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=s3cr3t then ?access_token=abc123&x=1')).toBe('GET /cgi-bin/gettoken?corpid=ww1&corpsecret=[redacted] then ?access_token=[redacted]&x=1');
  });
});

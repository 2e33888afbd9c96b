import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { REDACTED, scrubText, scrubValue } from '../config/log-redaction.js';
import { createLogger } from '../config/logger.js';
import { requestContext } from '../config/request-context.js';

describe('scrubText', () => {
  it('masks email addresses', () => {
    expect(scrubText('sent to ada@example.com and bo.li+shop@mail.example.co.uk')).toBe('sent to a•••@example.com and b•••@mail.example.co.uk');
  });

  it.each(['+14155550142', '+1 415 555 0142', '+1 (415) 555-0142', '(415) 555-0142', '415-555-0142', '415.555.0142', '415 555 0142', '4155550142', '+86 138 0013 8000'])('masks the phone %s', (phone) => {
    const scrubbed = scrubText(`call ${phone} now`);
    expect(scrubbed).not.toContain(phone);
    expect(scrubbed.replace(/\D/g, '')).not.toContain(phone.replace(/\D/g, '').slice(-7));
  });

  it('masks credentials written into text', () => {
    expect(scrubText('Authorization: Bearer abc.def-123 and ?token=s3cr3t&x=1')).toBe(`Authorization: Bearer ${REDACTED} and ?token=${REDACTED}&x=1`);
  });

  it('leaves times, dates, ids, ports and versions alone', () => {
    const text = 'at 2024-05-01T10:20:30.123Z run 3f2a9c1e-0b4d-4e8a-9f1c-2d3e4f5a6b7c on 127.0.0.1:7233, took 1234 ms, pkg@1.2.3';
    expect(scrubText(text)).toBe(text);
  });
});

describe('scrubValue', () => {
  it('blanks sensitive keys at any depth and scrubs every string', () => {
    expect(scrubValue({ customer: { profile: { name: 'Ada', email: 'ada@example.com' }, note: 'ring 415-555-0142' }, count: 2 })).toEqual({
      customer: { profile: { name: REDACTED, email: REDACTED }, note: 'ring ******0142' },
      count: 2,
    });
  });
});

describe('the logger', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>));
        done();
      },
    });
    return { lines, logger: createLogger({ level: 'debug', destination }) };
  }

  it('writes JSON with redacted fields, scrubbed messages and the request id', () => {
    const { lines, logger } = capture();
    requestContext.run({ requestId: 'req-1' }, () => {
      logger.info({ email: 'ada@example.com', req: { headers: { authorization: 'Bearer k', cookie: 'tideway_session=t' } }, subject: 'Your order', text: 'Hi Ada' }, 'sent to %s', 'ada@example.com');
      logger.warn('call +1 415 555 0142 about ada@example.com');
    });
    logger.error(new Error('refused ada@example.com'));
    expect(lines[0]).toMatchObject({ level: 30, reqId: 'req-1', email: REDACTED, subject: REDACTED, text: REDACTED, req: { headers: { authorization: REDACTED, cookie: REDACTED } }, msg: 'sent to a•••@example.com' });
    expect(lines[1]).toMatchObject({ reqId: 'req-1', msg: 'call +1 415***0142 about a•••@example.com' });
    expect(lines[2]).not.toHaveProperty('reqId');
    expect(JSON.stringify(lines)).not.toMatch(/ada@example\.com|415 555 0142|Hi Ada|Your order|tideway_session=t/);
  });
});

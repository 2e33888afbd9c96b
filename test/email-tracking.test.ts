import express from 'express';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { emailHtml } from '../activities/email-layout.js';
import { emailTracking } from '../activities/email-tracking.js';
import { clickEventId, openEventId, readClickToken, readOpenToken, signClickToken, signOpenToken } from '../api/tracking-token.js';
import type { EventHandoffs } from '../api/event-handoffs.js';
import { httpLog } from '../api/http-log.js';
import { messageTrackingRoutes } from '../api/routes/message-tracking.js';
import { signUnsubscribeToken } from '../api/unsubscribe-token.js';
import { loadConfig } from '../config/env.js';
import { createLogger } from '../config/logger.js';
import { templateDefaults } from '../config/template-defaults.js';
import type { JourneyRunner } from '../temporal/journey-runner.js';

const secret = 'a-secret-of-32-characters-or-so!';
const message = { sendKey: 'welcome:c-1:hello:1', customerId: 'c-李雷', journeyId: 'welcome', stepKey: 'hello' };
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('click and open tokens', () => {
  it('carry the message, and for a click the URL and link name, they were signed for', () => {
    const click = { ...message, url: 'https://help.example.com/start?a=1&b=2', link: 'handbook' };
    const token = signClickToken(secret, click);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readClickToken(secret, token)).toEqual(click);
    expect(readClickToken(secret, signClickToken(secret, { ...message, url: 'https://x.test/' }))).toEqual({ ...message, url: 'https://x.test/' });
    expect(readOpenToken(secret, signOpenToken(secret, message))).toEqual(message);
  });

  it('are forged when a character changes, another secret signed them, or they were signed for another purpose', () => {
    const token = signClickToken(secret, { ...message, url: 'https://shop.example/coupon' });
    const [payload, signature] = token.split('.') as [string, string];
    // Another target under the same signature: no open redirect.
    const elsewhere = Buffer.from(JSON.stringify({ k: message.sendKey, c: message.customerId, j: 'welcome', s: 'hello', u: 'https://evil.example/' })).toString('base64url');
    expect(readClickToken(secret, `${elsewhere}.${signature}`)).toBe('forged');
    expect(readClickToken(secret, `${payload}.${flip(signature, 0)}`)).toBe('forged');
    expect(readClickToken(secret, `${payload}.${flip(signature, 42)}`)).toBe('forged');
    expect(readClickToken('another-secret-of-32-characters!', token)).toBe('forged');
    const open = signOpenToken(secret, message);
    expect(readClickToken(secret, open)).toBe('forged');
    expect(readOpenToken(secret, token)).toBe('forged');
    expect(readClickToken(secret, signUnsubscribeToken(secret, { customerId: 'c-1', channel: 'email' }))).toBe('forged');
  });

  it('are malformed when they are not payload.signature, or a signed payload lacks a field or has no http(s) URL', () => {
    for (const bad of ['', 'nope', 'a.b', `x.${'A'.repeat(44)}`, 'a b.c']) {
      expect(readClickToken(secret, bad)).toBe('malformed');
      expect(readOpenToken(secret, bad)).toBe('malformed');
    }
    expect(readClickToken(secret, signClickToken(secret, { ...message, url: 'javascript:alert(1)' }))).toBe('malformed');
    expect(readOpenToken(secret, signOpenToken(secret, { ...message, customerId: '' }))).toBe('malformed');
  });

  it('make one click event per link of a message, and one open event per message', () => {
    const a = { ...message, url: 'https://x.test/a' };
    expect(clickEventId(a)).toBe(clickEventId({ ...a, link: 'handbook' }));
    expect(clickEventId(a)).not.toBe(clickEventId({ ...a, url: 'https://x.test/b' }));
    expect(clickEventId(a)).not.toBe(clickEventId({ ...a, sendKey: 'welcome:c-1:hello:2' }));
    expect(openEventId(message)).toBe(openEventId({ ...message }));
    expect(openEventId(message)).not.toBe(openEventId({ ...message, sendKey: 'other' }));
    expect(clickEventId(a).length).toBeLessThanOrEqual(200);
  });
});

describe('a marketing email’s HTML', () => {
  const defaults = templateDefaults({ brand: 'Tideway', publicUrl: 'https://t.example/', links: { handbook: 'https://help.example.com/start' } });

  it('leads every link of the message through the click redirect, names the deployment’s links, and keeps the footer’s link', async () => {
    const tracking = emailTracking(secret, 'https://t.example/', message, defaults);
    const text = `Hi,\n\nYour handbook: ${defaults.handbookUrl}. A survey: ${defaults.surveyUrl}\n\nAnd https://other.example/page?x=1&y=2`;
    const html = await emailHtml({ lang: 'en', subject: 'Hi', brand: 'Tideway', text, ...tracking, footerHtml: '<a href="https://t.example/u/unsub">Unsubscribe</a>' });
    const hrefs = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(([, href, shown]) => ({ href: href!.replaceAll('&amp;', '&'), shown: shown!.replaceAll('&amp;', '&') }));
    expect(hrefs.map((h) => h.shown)).toEqual(['https://help.example.com/start', 'https://t.example/survey', 'https://other.example/page?x=1&y=2', 'Unsubscribe']);
    const clicks = hrefs.slice(0, 3).map(({ href }) => {
      expect(href).toMatch(/^https:\/\/t\.example\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      return readClickToken(secret, href.slice('https://t.example/r/'.length));
    });
    expect(clicks).toEqual([
      { ...message, url: 'https://help.example.com/start', link: 'handbook' },
      { ...message, url: 'https://t.example/survey', link: 'survey' },
      { ...message, url: 'https://other.example/page?x=1&y=2' },
    ]);
    expect(hrefs[3]!.href).toBe('https://t.example/u/unsub');
    const pixel = /<img src="https:\/\/t\.example\/o\/([^"]+)\.gif" width="1" height="1"/.exec(html);
    expect(readOpenToken(secret, pixel![1]!)).toEqual(message);
  });

  it('without tracking (a transactional email) links straight to the URL and has no pixel', async () => {
    const html = await emailHtml({ lang: 'en', subject: 'Receipt', brand: 'Tideway', text: `See ${defaults.handbookUrl}` });
    expect(html).toContain('<a href="https://help.example.com/start">https://help.example.com/start</a>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('tideway-slot');
  });

  it('leaves a slot name in the message text as it is', async () => {
    const html = await emailHtml({ lang: 'en', subject: 'S', brand: 'B', text: 'tideway-slot-footer and tideway-slot-body' });
    expect(html).toContain('<p>tideway-slot-footer and tideway-slot-body</p>');
  });
});

describe('the links of a deployment', () => {
  it('are TIDEWAY_LINKS by name, with the defaults under the public URL for the ones not configured', () => {
    const config = loadConfig({ TIDEWAY_PUBLIC_URL: 'https://t.example', TIDEWAY_LINKS: '{"survey":"https://forms.example.com/welcome","appOrders":"https://app.example.com/orders"}' });
    expect(templateDefaults({ brand: 'B', publicUrl: config.TIDEWAY_PUBLIC_URL, links: config.TIDEWAY_LINKS })).toEqual({
      brand: 'B',
      handbookUrl: 'https://t.example/handbook',
      surveyUrl: 'https://forms.example.com/welcome',
      couponUrl: 'https://t.example/coupon',
      appOrdersUrl: 'https://app.example.com/orders',
    });
    expect(loadConfig({ TIDEWAY_LINKS: '' }).TIDEWAY_LINKS).toEqual({});
  });

  it('stop start-up naming a link that is not an absolute http(s) URL, a bad name, or JSON that is not an object', () => {
    expect(() => loadConfig({ TIDEWAY_LINKS: '{"survey":"/survey"}' })).toThrow('TIDEWAY_LINKS.survey: an absolute http:// or https:// URL');
    expect(() => loadConfig({ TIDEWAY_LINKS: '{"coupon":"ftp://x.example/c"}' })).toThrow('TIDEWAY_LINKS.coupon: an absolute http:// or https:// URL');
    expect(() => loadConfig({ TIDEWAY_LINKS: '{"app-home":"https://x.example"}' })).toThrow(/TIDEWAY_LINKS\.app-home: a link name of letters/);
    expect(() => loadConfig({ TIDEWAY_LINKS: '["https://x.example"]' })).toThrow('TIDEWAY_LINKS: a JSON object of named links');
  });
});

describe('the click and open routes', () => {
  it('refuse a token signed with another secret, or not one, with 403 and a page, and log the path without the token', async () => {
    const lines: { req?: { url?: string } }[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { req?: { url?: string } }));
        done();
      },
    });
    // A refused token never reaches the event intake: a runner or hand-off used here would throw.
    const app = express().use(httpLog(createLogger({ level: 'info', destination })), messageTrackingRoutes({ secret, runner: {} as JourneyRunner, handoffs: {} as EventHandoffs, log: () => {} }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const other = 'another-secret-of-32-characters!';
      const click = signClickToken(other, { ...message, url: 'https://x.test/' });
      const open = signOpenToken(other, message);
      for (const path of [`/r/${click}`, `/o/${open}.gif`, '/r/nope', '/o/nope.gif']) {
        const refused = await fetch(`${base}${path}`, { redirect: 'manual', headers: { 'accept-language': 'zh-CN' } });
        expect(refused.status, path).toBe(403);
        expect(await refused.text(), path).toContain('链接无效');
      }
      expect(lines.map((line) => line.req?.url)).toEqual(['/r/[token]', '/o/[token]', '/r/[token]', '/o/[token]']);
    } finally {
      server.close();
    }
  });
});

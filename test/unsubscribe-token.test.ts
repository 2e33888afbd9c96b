import { describe, expect, it } from 'vitest';
import { readUnsubscribeToken, signUnsubscribeToken, unsubscribeUrl } from '../api/unsubscribe-token.js';
import { marketingRefusal } from '../domain/consent.js';
import { emailHtml } from '../activities/email-layout.js';
import { textToHtml } from '../domain/email-html.js';
import { unsubscribeFooter } from '../domain/unsubscribe-footer.js';

const secret = 'a-secret-of-32-characters-or-so!';

describe('unsubscribe tokens', () => {
  it('name the customer and channel they were signed for', () => {
    const token = signUnsubscribeToken(secret, { customerId: 'c-李雷', channel: 'email' });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(readUnsubscribeToken(secret, token)).toEqual({ customerId: 'c-李雷', channel: 'email' });
    expect(unsubscribeUrl('https://t.example/', token)).toBe(`https://t.example/u/${token}`);
  });

  it('are forged when any character of payload or signature changes, or another secret signed them', () => {
    const token = signUnsubscribeToken(secret, { customerId: 'c-1', channel: 'email' });
    const [payload, signature] = token.split('.') as [string, string];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const other = Buffer.from(JSON.stringify({ c: 'c-2', ch: 'email' })).toString('base64url');
    expect(readUnsubscribeToken(secret, `${other}.${signature}`)).toBe('forged');
    expect(readUnsubscribeToken(secret, `${payload}.${flip(signature, 0)}`)).toBe('forged');
    // The last character carries spare bits that base64 decoding would ignore.
    expect(readUnsubscribeToken(secret, `${payload}.${flip(signature, 42)}`)).toBe('forged');
    expect(readUnsubscribeToken('another-secret-of-32-characters!', token)).toBe('forged');
  });

  it('are malformed when they are not payload.signature', () => {
    for (const bad of ['', 'nope', 'a.b', `x.${'A'.repeat(44)}`, 'a b.c']) expect(readUnsubscribeToken(secret, bad)).toBe('malformed');
  });
});

describe('consent for marketing', () => {
  it('is opt-in: no record, an opt-out or another channel’s opt-in refuse; a legacy yes counts', () => {
    const optedIn = { email: { status: 'opted_in', at: new Date(), source: 'import' } };
    expect(marketingRefusal(undefined, 'email')).toBe('no consent for email marketing (never opted in)');
    expect(marketingRefusal(optedIn, 'email')).toBeUndefined();
    expect(marketingRefusal(optedIn, 'sms')).toBe('no consent for sms marketing (never opted in)');
    expect(marketingRefusal({ email: { status: 'opted_out', at: new Date(), source: 'unsubscribe-link' } }, 'email')).toBe(
      'no consent for email marketing (opted out via unsubscribe-link)',
    );
    expect(marketingRefusal({ email: true }, 'email')).toBeUndefined();
    expect(marketingRefusal({ email: false }, 'email')).toBe('no consent for email marketing (opted out via profile)');
  });
});

describe('the HTML part of an email', () => {
  it('escapes the text, keeps paragraphs and line breaks, and links http(s) URLs without trailing punctuation', () => {
    const html = textToHtml('Hi <b>Ada</b> & co,\n\nSee https://x.test/a?b=1&c=2. Or javascript:alert(1)\nline two\n\n\n产品手册:http://x.test/a,请访问http://x.test/b了解');
    expect(html).toBe(
      [
        '<p>Hi &lt;b&gt;Ada&lt;/b&gt; &amp; co,</p>',
        '<p>See <a href="https://x.test/a?b=1&amp;c=2">https://x.test/a?b=1&amp;c=2</a>. Or javascript:alert(1)<br>\nline two</p>',
        '<p>产品手册:<a href="http://x.test/a">http://x.test/a</a>,请访问<a href="http://x.test/b">http://x.test/b</a>了解</p>',
      ].join('\n'),
    );
  });

  it('is a whole document (the MJML layout) with the unsubscribe footer set apart, in the message’s locale', async () => {
    const footer = unsubscribeFooter('zh-CN', { brand: 'Tideway', unsubscribeUrl: 'https://t.example/u/tok"en' });
    expect(footer.text).toBe('您收到这封邮件,是因为您同意接收Tideway的消息。\n退订:https://t.example/u/tok"en');
    expect(footer.html).toContain('<a href="https://t.example/u/tok&quot;en">退订</a>');
    const html = await emailHtml({ lang: 'zh-CN', subject: 'Hi <there>', brand: 'Tide & Way', text: 'Body', footerHtml: footer.html });
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN"/);
    expect(html).toContain('<title>Hi &lt;there&gt;</title>');
    expect(html).toContain('>Tide &amp; Way</div>');
    // The footer comes after the message, under a divider.
    const body = html.indexOf('<p>Body</p>');
    const divider = html.indexOf('border-top:solid 1px #dddddd');
    const note = html.indexOf('<a href="https://t.example/u/tok&quot;en">退订</a>');
    expect(body).toBeGreaterThan(0);
    expect(divider).toBeGreaterThan(body);
    expect(note).toBeGreaterThan(divider);
    expect(unsubscribeFooter('fr', { brand: 'B', unsubscribeUrl: 'https://u' }).text).toBe('You get this email because you agreed to hear from B.\nUnsubscribe: https://u');
  });
});

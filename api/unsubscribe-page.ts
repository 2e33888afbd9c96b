import type { Response } from 'express';
import type { ConsentChannel } from '../domain/consent.js';
import { escapeHtml } from '../domain/email-html.js';

type PageLocale = 'en' | 'zh-CN';

const WORDS: Record<PageLocale, Record<ConsentChannel, string> & Record<'confirm' | 'button' | 'doneTitle' | 'done' | 'invalidTitle' | 'invalid' | 'unknown', string>> = {
  en: {
    email: 'marketing emails',
    sms: 'marketing text messages',
    wecom: 'marketing messages on WeCom',
    confirm: 'Stop {{what}} to {{address}}?',
    button: 'Unsubscribe',
    doneTitle: 'You are unsubscribed',
    done: 'No more {{what}} will be sent to {{address}}. Messages about your account and orders may still reach you.',
    invalidTitle: 'This link does not work',
    invalid: 'This unsubscribe link is not valid. Please use the link exactly as it came in the message.',
    unknown: 'We no longer know who this link was for.',
  },
  'zh-CN': {
    email: '营销邮件',
    sms: '营销短信',
    wecom: '企业微信营销消息',
    confirm: '不再向 {{address}} 发送{{what}}?',
    button: '退订',
    doneTitle: '您已退订',
    done: '我们不会再向 {{address}} 发送{{what}}。与您的账户和订单有关的通知仍可能发送给您。',
    invalidTitle: '链接无效',
    invalid: '这个退订链接无效。请使用消息中的原始链接。',
    unknown: '我们已找不到这个链接对应的客户。',
  },
};

export const pageLocale = (wanted: string | null | undefined): PageLocale => (wanted?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');

/** `a•••@example.com`, `•••8000`: enough for the reader to recognise, little for anyone the link was forwarded to. */
function maskAddress(channel: ConsentChannel, address: string | null | undefined): string {
  if (!address) return '—';
  if (channel !== 'email') return `•••${address.slice(-4)}`;
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

export type UnsubscribePage =
  | { kind: 'confirm' | 'done'; locale: PageLocale; channel: ConsentChannel; address: string | null | undefined }
  | { kind: 'invalid' | 'unknown'; locale: PageLocale };

function pageText(page: UnsubscribePage): { title: string; body: string; button?: string } {
  const words = WORDS[page.locale];
  if (!('channel' in page)) return { title: words.invalidTitle, body: words[page.kind] };
  const { channel, address } = page;
  const fill = (text: string) => text.replace('{{what}}', words[channel]).replace('{{address}}', maskAddress(channel, address));
  if (page.kind === 'done') return { title: words.doneTitle, body: fill(words.done) };
  return { title: words.button, body: fill(words.confirm), button: words.button };
}

/** A small HTML page for a person who followed the link; the confirm page POSTs back to the same URL. */
export function sendUnsubscribePage(res: Response, status: number, page: UnsubscribePage): void {
  const { title, body, button } = pageText(page);
  const form = button
    ? `\n<form method="post"><button type="submit" style="font-size:16px;padding:10px 20px;border:0;border-radius:6px;background:#1f5f8b;color:#fff;cursor:pointer">${escapeHtml(button)}</button></form>`
    : '';
  res
    .status(status)
    .set({
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      'Cache-Control': 'no-store',
      // The token is in the URL: keep it out of any Referer.
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    })
    .type('html')
    .send(`<!doctype html>
<html lang="${page.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="font-family:-apple-system,'Segoe UI',Roboto,'PingFang SC','Microsoft YaHei',sans-serif;max-width:480px;margin:48px auto;padding:0 16px;color:#222;line-height:1.6">
<h1 style="font-size:22px">${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>${form}
</body>
</html>
`);
}

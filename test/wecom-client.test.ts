import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomClient, WecomError } from '../activities/wecom-client.js';
import { type FakeWecom, startFakeWecom } from './support/fake-wecom.js';

let wecom: FakeWecom;
let clock = Date.parse('2026-12-01T09:00:00Z');
const client = () => new WecomClient({ corpId: wecom.corpId, secret: wecom.secret, apiUrl: wecom.baseUrl, now: () => clock });
const text = (externalUserId: string, content = '你好') => ({ externalUserId, sender: 'zhangsan', content });

/** The WecomError a send ends with. */
async function failureOf(send: Promise<unknown>): Promise<WecomError> {
  const error = await send.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WecomError);
  return error as WecomError;
}

beforeAll(async () => {
  wecom = await startFakeWecom();
});
afterAll(async () => {
  await wecom?.close();
});

describe('the WeCom client: access token', () => {
  it('sends a text to one external contact from the sender, and returns the msgid', async () => {
    const msgid = await client().sendText(text('wmAAAA0001', '欢迎成为 VIP'));
    expect(wecom.messages.at(-1)).toEqual({ msgid, externalUserId: 'wmAAAA0001', sender: 'zhangsan', content: '欢迎成为 VIP', createdAt: expect.any(Date) });
  });

  it('fetches one token and reuses it until shortly before it expires, then fetches a new one', async () => {
    const wecomClient = client();
    const issued = wecom.tokensIssued;
    await Promise.all([wecomClient.sendText(text('wmAAAA0002')), wecomClient.sendText(text('wmAAAA0003'))]);
    await wecomClient.sendText(text('wmAAAA0004'));
    expect(wecom.tokensIssued - issued).toBe(1);
    clock += 7200_000 - 6 * 60_000; // still more than the 5-minute margin left
    await wecomClient.sendText(text('wmAAAA0005'));
    expect(wecom.tokensIssued - issued).toBe(1);
    clock += 2 * 60_000; // now inside the margin
    await wecomClient.sendText(text('wmAAAA0006'));
    expect(wecom.tokensIssued - issued).toBe(2);
  });

  it('when WeCom calls the token expired (42001), fetches a new one once and the message goes once', async () => {
    const wecomClient = client();
    await wecomClient.sendText(text('wmAAAA0007'));
    const [issued, attempts] = [wecom.tokensIssued, wecom.sendAttempts];
    wecom.expireTokens();
    await wecomClient.sendText(text('wmAAAA0008'));
    expect(wecom.tokensIssued - issued).toBe(1);
    expect(wecom.sendAttempts - attempts).toBe(2);
    expect(wecom.messages.filter((m) => m.externalUserId === 'wmAAAA0008')).toHaveLength(1);
  });

  it('a wrong secret is no refusal of the message: it may be fixed, so the send is retried', async () => {
    const wrong = new WecomClient({ corpId: wecom.corpId, secret: 'not-the-secret-0123456789', apiUrl: wecom.baseUrl });
    const error = await failureOf(wrong.sendText(text('wmAAAA0009')));
    expect(error).toMatchObject({ errcode: 40001, refused: false });
    expect(error.message).toBe('WeCom gave no access token: invalid credential, hint: [fake] (errcode 40001)');
  });
});

describe('the WeCom client: what an answer means', () => {
  it('an invalid external_userid (40096) or one that is no contact (84061) is refused for good', async () => {
    wecom.refuse('wmBAD00001', { errcode: 40096 });
    wecom.refuse('wmBAD00002', { errcode: 84061 });
    expect(await failureOf(client().sendText(text('wmBAD00001')))).toMatchObject({ errcode: 40096, refused: true, answered: true });
    const notContact = await failureOf(client().sendText(text('wmBAD00002')));
    expect(notContact).toMatchObject({ errcode: 84061, refused: true });
    expect(notContact.message).toBe('WeCom did not take the message: not external contact, hint: [fake] (errcode 84061)');
  });

  it('a contact WeCom lists in fail_list (errcode 0) is refused for good, and nothing was sent to them', async () => {
    wecom.refuse('wmBAD00003', 'fail_list');
    const error = await failureOf(client().sendText(text('wmBAD00003')));
    expect(error).toMatchObject({ refused: true, answered: true });
    expect(error.message).toBe('WeCom cannot send to external contact "wmBAD00003" from "zhangsan" (fail_list)');
    expect(wecom.messages.filter((m) => m.externalUserId === 'wmBAD00003')).toEqual([]);
  });

  it('a rate limit (45009, 45033) is retryable, and WeCom took nothing', async () => {
    for (const errcode of [45009, 45033]) {
      wecom.rateLimitNext(1, errcode);
      expect(await failureOf(client().sendText(text('wmAAAA0010')))).toMatchObject({ errcode, refused: false, answered: true });
    }
    expect(wecom.messages.filter((m) => m.externalUserId === 'wmAAAA0010')).toEqual([]);
  });

  it('a 5xx answer is retryable, and whether WeCom took it is unknown', async () => {
    wecom.failNext(1, 502);
    const error = await failureOf(client().sendText(text('wmAAAA0011')));
    expect(error).toMatchObject({ refused: false, answered: false });
    expect(error.message).toBe('WeCom answered HTTP 502 (/cgi-bin/externalcontact/add_msg_template)');
  });

  it('a server that refuses the connection is retryable, and certainly took nothing; no secret or token is in the error', async () => {
    const closed = await startFakeWecom();
    const url = closed.baseUrl;
    await closed.close();
    const error = await failureOf(new WecomClient({ corpId: wecom.corpId, secret: wecom.secret, apiUrl: url }).sendText(text('wmAAAA0012')));
    expect(error).toMatchObject({ errcode: undefined, refused: false, answered: true });
    expect(error.message).toMatch(/^WeCom could not be reached \(\/cgi-bin\/gettoken\)/);
    expect(error.message).not.toContain(wecom.secret);
  });
});

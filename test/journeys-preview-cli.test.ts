import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectStore, disconnectStore } from '../store/connection.js';
import { CustomerModel } from '../store/models/customer.js';
import { runCli } from './support/cli-process.js';

const unique = Date.now().toString(36);

/** `npm run journeys -- <args>` for a deployment with its own brand and address. */
const journeys = (args: string[]) => runCli('journeys', args, { env: { TIDEWAY_BRAND: 'Acme', TIDEWAY_PUBLIC_URL: 'https://acme.example' } });

beforeAll(async () => {
  await connectStore(inject('mongodbUri'));
});

afterAll(async () => {
  await disconnectStore();
});

describe('npm run journeys -- preview', () => {
  it('renders every message of a journey for a sample customer, with the deployment brand and links', async () => {
    const { code, out } = await journeys(['preview', 'welcome', '--locale', 'zh-CN']);
    expect(code).toBe(0);
    expect(out).toMatch(/^journey welcome \w+ · for a sample customer · zh-CN\n/);
    expect(out).toContain('── welcome-email · email · welcome (zh-CN)\nSubject: 欢迎加入Acme,李雷\n\n李雷,您好:');
    expect(out).toContain('https://acme.example/survey');
    expect(out).toContain('── reminder-email · email · welcome-reminder (zh-CN)');
  });

  it('renders one step for a real customer from the store, in their language unless another is asked for', async () => {
    const id = `preview-cli-${unique}`;
    await CustomerModel.create({ _id: id, name: 'Grace', email: `${id}@example.com`, locale: 'en' });
    const own = await journeys(['preview', 'win-back', 'coupon', '--customer', id]);
    expect(own.code).toBe(0);
    expect(own.out).toContain(`· for ${id} · en`);
    expect(own.out).toContain('── coupon · email · winback-coupon (en)');
    expect(own.out).not.toContain('robot-reminder');
    expect(own.out).toContain('Hi Grace,');
    expect((await journeys(['preview', 'win-back', 'coupon', '--customer', id, '--locale', 'zh-CN'])).out).toContain('Grace,您好');
  });

  it('says what is wrong: an unknown journey, step, customer or locale', async () => {
    expect(await journeys(['preview', 'nope'])).toMatchObject({ code: 1, err: expect.stringContaining('no journey "nope"; known: welcome') });
    expect(await journeys(['preview', 'welcome', 'nope'])).toMatchObject({ code: 1, err: 'journey "welcome" has no send step "nope"\n' });
    expect(await journeys(['preview', 'welcome', '--customer', `nobody-${unique}`])).toMatchObject({ code: 1, err: `no customer "nobody-${unique}"\n` });
    expect(await journeys(['preview', 'welcome', '--locale', 'fr'])).toMatchObject({ code: 2, err: '--locale is one of en, zh-CN\n' });
  });
});

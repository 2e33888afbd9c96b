import { describe, expect, it } from 'vitest';
import { identityKey, identitySchema, phoneSchema } from '../domain/identities.js';

const problems = (input: unknown) => {
  const parsed = identitySchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

describe('identity normalisation', () => {
  it('trims and lower-cases emails, and refuses what is not one', () => {
    expect(identitySchema.parse({ kind: 'email', value: '  Ada.Lovelace@Example.COM ' })).toEqual({ kind: 'email', value: 'ada.lovelace@example.com' });
    expect(problems({ kind: 'email', value: 'ada at example' })).toEqual([{ path: 'value', message: expect.stringMatching(/email/i) }]);
  });

  it('writes phones as E.164 whatever the spacing and punctuation', () => {
    expect(identitySchema.parse({ kind: 'phone', value: '+86 138 0013 8000' })).toEqual({ kind: 'phone', value: '+8613800138000' });
    expect(identitySchema.parse({ kind: 'phone', value: ' +1 (415) 555-0100 ' })).toEqual({ kind: 'phone', value: '+14155550100' });
    expect(phoneSchema.parse('+8613800138000')).toBe('+8613800138000');
    expect(phoneSchema.parse('+44 20 7946 0958')).toBe('+442079460958');
  });

  it('refuses a phone without its country code, or with the wrong number of digits, saying which', () => {
    expect(problems({ kind: 'phone', value: '138 0013 8000' })).toEqual([{ path: 'value', message: expect.stringContaining('starting with + and the country code') }]);
    expect(problems({ kind: 'phone', value: '+1 415 555 01000' })).toEqual([{ path: 'value', message: 'the wrong number of digits for a +1 number' }]);
    expect(problems({ kind: 'phone', value: '+86 138 0013 800' })).toEqual([{ path: 'value', message: 'not a valid +86 number' }]);
    expect(problems({ kind: 'phone', value: '+86 138 0013 8000 ext. 5' })).toEqual([{ path: 'value', message: 'a phone number without an extension' }]);
    expect(problems({ kind: 'phone', value: '12345' })).toHaveLength(1);
  });

  it('keeps WeChat and external ids as sent, trimmed; an external id needs its system, others have none', () => {
    expect(identitySchema.parse({ kind: 'wechat', value: ' wxid_AbC123 ' })).toEqual({ kind: 'wechat', value: 'wxid_AbC123' });
    expect(identitySchema.parse({ kind: 'external', system: ' CRM ', value: ' C-991 ' })).toEqual({ kind: 'external', system: 'crm', value: 'C-991' });
    expect(problems({ kind: 'external', value: 'C-991' })).toEqual([{ path: 'system', message: 'an external id needs the system that issued it' }]);
    expect(problems({ kind: 'email', system: 'crm', value: 'ada@example.com' })).toEqual([{ path: 'system', message: 'only external ids carry a system, not email' }]);
    expect(problems({ kind: 'external', system: 'my crm', value: 'C-991' }).map((p) => p.path)).toEqual(['system']);
  });

  it('refuses unknown kinds, empty values and extra fields', () => {
    expect(problems({ kind: 'fax', value: '123' }).map((p) => p.path)).toEqual(['kind']);
    expect(problems({ kind: 'wechat', value: '   ' }).map((p) => p.path)).toEqual(['value']);
    expect(problems({ kind: 'wechat', value: 'x', extra: 1 }).map((p) => p.path)).toEqual(['']);
  });

  it('keys one identity one way: the same person is the same key', () => {
    const spelled = ['+86 138 0013 8000', '+86-138-0013-8000', '+8613800138000'].map((value) => identityKey(identitySchema.parse({ kind: 'phone', value })));
    expect(new Set(spelled)).toEqual(new Set(['phone:+8613800138000']));
    expect(identityKey(identitySchema.parse({ kind: 'external', system: 'crm', value: 'C-991' }))).toBe('external:crm:C-991');
    expect(identityKey({ kind: 'email', value: 'ada@example.com' })).toBe('email:ada@example.com');
  });
});

import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../api/viewer-masking.js';
import { maskEmail, maskPhone, maskText } from '../domain/masking.js';

describe('masking personal data for viewers', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskEmail('chen.wei@example.com')).toBe('c•••@example.com');
    expect(maskEmail('a@b.co')).toBe('a•••@b.co');
    expect(maskEmail('张伟@例子.中国')).toBe('张•••@例子.中国');
    expect(maskEmail('not-an-email')).toBe('n•••');
  });

  it('keeps the country code, the start and the last four digits of an E.164 phone', () => {
    expect(maskPhone('+8613800138000')).toBe('+86 138****8000');
    expect(maskPhone('+8615912345678')).toBe('+86 159****5678');
    expect(maskPhone('+14155550100')).toBe('+1 415***0100');
    expect(maskPhone('+447911123456')).toBe('+44 791***3456');
    expect(maskPhone('+85261234567')).toBe('+852 61**4567');
  });

  it('hides most of a number that is not E.164, and of a name', () => {
    expect(maskPhone('13800138000')).toBe('*******8000');
    expect(maskText('张伟')).toBe('张•••');
    expect(maskText('')).toBe('•••');
  });

  it('masks a whole answer: contact fields, contact identities, a person’s name; dates and the rest as they are', () => {
    const at = new Date('2025-01-01T00:00:00Z');
    const masked = maskPersonalData({
      id: 'c-1',
      name: 'Chen Wei',
      email: 'chen@example.com',
      phone: '+8613800138000',
      identities: [
        { kind: 'email', value: 'chen@example.com' },
        { kind: 'phone', value: '+8613800138000' },
        { kind: 'wechat', value: 'wxid_chen' },
        { kind: 'external', system: 'crm', value: 'C-991' },
      ],
      stageHistory: [{ from: null, to: 'new', at }],
      journeys: [{ id: 'welcome', name: 'Welcome' }],
    }) as any;
    expect(masked).toMatchObject({ id: 'c-1', name: 'C•••', email: 'c•••@example.com', phone: '+86 138****8000' });
    expect(masked.identities.map((i: { value: string }) => i.value)).toEqual(['c•••@example.com', '+86 138****8000', 'w•••', 'C-991']);
    expect(masked.stageHistory[0].at).toBe(at);
    expect(masked.journeys[0].name).toBe('Welcome');
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCustomerAttributes } from '../config/customer-attributes.js';
import { attributeDates, isCalendarDate } from '../domain/attribute-dates.js';
import { applyAttributeChanges, checkAttributes } from '../domain/customer-attributes.js';

const declared = loadCustomerAttributes();

describe('customer attribute declarations', () => {
  it('ship birthday and contractRenewal as dates, plan as a string and interests as a list', () => {
    expect(declared).toMatchObject({ birthday: 'date', contractRenewal: 'date', plan: 'string', interests: 'string-list' });
  });

  it('a bad declaration stops start-up naming the attribute', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'attrs-')), 'customer-attributes.json');
    writeFileSync(file, JSON.stringify({ birthday: 'date', tier: 'enum' }));
    expect(() => loadCustomerAttributes(file)).toThrow(/tier: one of string, number, boolean, date, string-list/);
    writeFileSync(file, JSON.stringify({ 'plan.level': 'string' }));
    expect(() => loadCustomerAttributes(file)).toThrow(/plan\.level: an attribute name/);
  });
});

describe('a calendar date', () => {
  it('is YYYY-MM-DD of a day that exists', () => {
    expect(isCalendarDate('1990-03-14')).toBe(true);
    expect(isCalendarDate('2024-02-29')).toBe(true);
    for (const bad of ['2026-13-40', '2026-02-30', '2025-02-29', '2026-04-31', '2026-00-10', '2026-1-5', '14/03/1990', '2026-03-14T00:00:00Z', 19900314]) expect(isCalendarDate(bad), String(bad)).toBe(false);
  });
});

describe('checking the attributes of a request', () => {
  it('accepts declared attributes of the right type; null removes one', () => {
    expect(checkAttributes({ birthday: '1990-03-14', plan: 'pro', interests: ['tea'], contractRenewal: null }, declared)).toEqual({
      changes: { set: { birthday: '1990-03-14', plan: 'pro', interests: ['tea'] }, remove: ['contractRenewal'] },
    });
  });

  it('names every bad field: an impossible date, a wrong type, an undeclared attribute', () => {
    const checked = checkAttributes({ birthday: '2026-13-40', contractRenewal: '2026-02-30', plan: 3, interests: 'tea', shoeSize: 42 }, declared);
    expect(checked).toEqual({
      problems: [
        { path: 'attributes.birthday', message: '"2026-13-40" is not a date (YYYY-MM-DD)' },
        { path: 'attributes.contractRenewal', message: '"2026-02-30" is not a date (YYYY-MM-DD)' },
        { path: 'attributes.plan', message: '3 is not a string' },
        { path: 'attributes.interests', message: '"tea" is not a list of strings' },
        { path: 'attributes.shoeSize', message: expect.stringMatching(/^not a declared attribute \(declared: birthday, contractRenewal, plan, interests;/) },
      ],
    });
    expect(checkAttributes({ score: 'high', vip: 'yes' }, { score: 'number', vip: 'boolean' })).toEqual({
      problems: [
        { path: 'attributes.score', message: '"high" is not a number' },
        { path: 'attributes.vip', message: '"yes" is not true or false' },
      ],
    });
    // Not an own declaration: names inherited from Object.prototype are undeclared too.
    expect(checkAttributes({ constructor: 'x' }, declared)).toMatchObject({ problems: [{ path: 'attributes.constructor' }] });
  });

  it('merges into the stored attributes', () => {
    expect(applyAttributeChanges({ plan: 'basic', birthday: '1990-03-14', interests: ['tea'] }, { set: { plan: 'pro' }, remove: ['interests'] })).toEqual({ plan: 'pro', birthday: '1990-03-14' });
  });
});

describe('derived anniversaries and dates', () => {
  it('list each declared date attribute by month-day and by full date', () => {
    expect(attributeDates({ birthday: '1992-02-29', contractRenewal: '2027-01-31', plan: '2026-05-05' }, declared)).toEqual({
      anniversaries: ['birthday:02-29', 'contractRenewal:01-31'],
      dates: ['birthday:1992-02-29', 'contractRenewal:2027-01-31'],
    });
  });

  it('leave out what is not a declared date', () => {
    expect(attributeDates({ birthday: 'soon', since: '2020-01-01' }, declared)).toEqual({ anniversaries: [], dates: [] });
    expect(attributeDates(undefined, declared)).toEqual({ anniversaries: [], dates: [] });
  });
});

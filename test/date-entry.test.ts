import { describe, expect, it } from 'vitest';
import { anniversaryIn, type DateEntry, dateEntryKeys, dueOccurrence, localDate } from '../domain/date-entry.js';

const birthday: DateEntry = { attribute: 'birthday', every: 'year', at: '09:00' };
const at = (iso: string) => Date.parse(iso);

describe('the local day a date entry fires on', () => {
  it('is the customer\'s local date, not the UTC one, around midnight', () => {
    // 2026-03-13 23:30 UTC: already 14 March in Shanghai (07:30) and Auckland (12:30), still 13 March in New York.
    const now = at('2026-03-13T23:30:00Z');
    expect(localDate(now, 'Asia/Shanghai')).toBe('2026-03-14');
    expect(dueOccurrence(birthday, '1990-03-14', 'Pacific/Auckland', now)).toBe('2026-03-14');
    expect(dueOccurrence(birthday, '1990-03-14', 'Asia/Shanghai', now)).toBeUndefined(); // its day, but 07:30 < 09:00
    expect(dueOccurrence(birthday, '1990-03-14', 'America/New_York', now)).toBeUndefined(); // still the 13th there
    expect(dueOccurrence(birthday, '1990-03-13', 'America/New_York', now)).toBe('2026-03-13');
    expect(dueOccurrence(birthday, '1990-03-13', 'Asia/Shanghai', now)).toBeUndefined(); // the 13th is over there
  });

  it('waits for the local time: an hourly sweep enters a customer from the first firing at or after `at`', () => {
    expect(dueOccurrence(birthday, '1990-03-14', 'Asia/Shanghai', at('2026-03-14T00:59:00Z'))).toBeUndefined();
    expect(dueOccurrence(birthday, '1990-03-14', 'Asia/Shanghai', at('2026-03-14T01:00:00Z'))).toBe('2026-03-14');
    expect(dueOccurrence(birthday, '1990-03-14', 'Asia/Shanghai', at('2026-03-14T15:59:00Z'))).toBe('2026-03-14');
    expect(dueOccurrence(birthday, '1990-03-14', 'Asia/Shanghai', at('2026-03-14T16:00:00Z'))).toBeUndefined(); // the 15th there
  });

  it('enters a 29 February birthday on 28 February outside leap years, and on the 29th in them', () => {
    expect(anniversaryIn('2000-02-29', 2027)).toBe('2027-02-28');
    expect(anniversaryIn('2000-02-29', 2028)).toBe('2028-02-29');
    expect(dueOccurrence(birthday, '2000-02-29', 'UTC', at('2027-02-28T10:00:00Z'))).toBe('2027-02-28');
    expect(dueOccurrence(birthday, '2000-02-29', 'UTC', at('2027-03-01T10:00:00Z'))).toBeUndefined();
    expect(dueOccurrence(birthday, '2000-02-29', 'UTC', at('2028-02-28T10:00:00Z'))).toBeUndefined();
    expect(dueOccurrence(birthday, '2000-02-29', 'UTC', at('2028-02-29T10:00:00Z'))).toBe('2028-02-29');
    expect(dateEntryKeys(birthday, at('2027-02-28T10:00:00Z'))).toEqual(['birthday:02-27', 'birthday:02-28', 'birthday:02-29', 'birthday:03-01']);
    expect(dateEntryKeys(birthday, at('2028-02-28T10:00:00Z'))).toEqual(['birthday:02-27', 'birthday:02-28', 'birthday:02-29']);
  });

  it('enters a once date only on that date, and looks up the dates of yesterday, today and tomorrow in UTC', () => {
    const renewal: DateEntry = { attribute: 'contractRenewal', every: 'once', at: '10:00' };
    expect(dueOccurrence(renewal, '2026-12-07', 'Europe/Berlin', at('2026-12-07T09:00:00Z'))).toBe('2026-12-07');
    expect(dueOccurrence(renewal, '2025-12-07', 'Europe/Berlin', at('2026-12-07T09:00:00Z'))).toBeUndefined();
    expect(dateEntryKeys(renewal, at('2026-12-31T12:00:00Z'))).toEqual(['contractRenewal:2026-12-30', 'contractRenewal:2026-12-31', 'contractRenewal:2027-01-01']);
  });

  it('ignores a value that is not a calendar date', () => {
    expect(dueOccurrence(birthday, '14/03/1990', 'UTC', at('2026-03-14T12:00:00Z'))).toBeUndefined();
    expect(dueOccurrence(birthday, undefined, 'UTC', at('2026-03-14T12:00:00Z'))).toBeUndefined();
  });
});

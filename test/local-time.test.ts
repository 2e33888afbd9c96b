import { describe, expect, it } from 'vitest';
import { localMinutes, msUntilWindow } from '../domain/local-time.js';

const at = (iso: string) => Date.parse(iso);
const daytime = { from: '09:00', to: '20:00' };

describe('waiting for the customer’s local time window', () => {
  it('reads the local time in the customer’s zone', () => {
    expect(localMinutes(at('2026-11-24T01:30:00Z'), 'Asia/Shanghai')).toBe(9 * 60 + 30);
    expect(localMinutes(at('2026-11-24T01:30:00Z'), 'America/New_York')).toBe(20 * 60 + 30);
  });

  it('does not wait inside the window, and waits until it opens outside it', () => {
    expect(msUntilWindow(at('2026-11-24T02:00:00Z'), 'Asia/Shanghai', daytime)).toBe(0); // 10:00 local
    expect(msUntilWindow(at('2026-11-24T13:00:00Z'), 'Asia/Shanghai', daytime)).toBe(12 * 3_600_000); // 21:00 → 09:00
    expect(msUntilWindow(at('2026-11-24T00:59:30Z'), 'Asia/Shanghai', daytime)).toBe(30_000); // 08:59:30 → 09:00
  });

  it('handles a window that crosses midnight', () => {
    const night = { from: '22:00', to: '06:00' };
    expect(msUntilWindow(at('2026-11-24T23:00:00Z'), 'UTC', night)).toBe(0);
    expect(msUntilWindow(at('2026-11-24T05:00:00Z'), 'UTC', night)).toBe(0);
    expect(msUntilWindow(at('2026-11-24T06:00:00Z'), 'UTC', night)).toBe(16 * 3_600_000);
  });
});

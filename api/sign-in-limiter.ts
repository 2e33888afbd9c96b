/**
 * Failed sign-ins per name: after `limit` in `windowMs`, that name gets 429 until the oldest leaves the
 * window, whatever the password. An attempt counts from its start (so parallel guesses cannot slip
 * past), and a right password clears the name's count. Kept in memory: each API process counts its own.
 */
export class SignInLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    /** @default 5 */
    private readonly limit = 5,
    /** @default 60_000 */
    private readonly windowMs = 60_000,
    /** Names remembered at most (the oldest go first), so guessing many names cannot fill the memory. @default 10_000 */
    private readonly maxNames = 10_000,
  ) {}

  /** Counts an attempt for `name` and returns 0, or returns the seconds to wait when it has had its limit. */
  attempt(name: string, now = Date.now()): number {
    const recent = (this.attempts.get(name) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(name, recent);
      return Math.max(1, Math.ceil((recent[recent.length - this.limit]! + this.windowMs - now) / 1000));
    }
    this.attempts.delete(name);
    this.attempts.set(name, [...recent, now]);
    for (const oldest of this.attempts.keys()) {
      if (this.attempts.size <= this.maxNames) break;
      this.attempts.delete(oldest);
    }
    return 0;
  }

  /** The right password: the name's failures are forgotten. */
  succeeded(name: string): void {
    this.attempts.delete(name);
  }
}

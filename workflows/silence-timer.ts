import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';

/**
 * The lifecycle's silence timer, kept from one event to the next. An interaction only moves the silence
 * later, so the running timer stays, and when it fires before the silence is due the lifecycle arms it
 * again for what is left. Restarted on every event, it cost each event two history events (a timer
 * cancelled, a timer started); kept, it costs a firing now and then.
 */
export class SilenceTimer {
  private armed?: { dueAt: number; scope: CancellationScope; fired: boolean };

  constructor(private readonly summary: string) {}

  /** Makes sure the timer fires at `dueAt` (workflow time, ms) or before. */
  arm(dueAt: number): void {
    const current = this.armed;
    if (current && !current.fired && current.dueAt <= dueAt) return;
    if (current && !current.fired) current.scope.cancel();
    const timer = { dueAt, scope: new CancellationScope(), fired: false };
    void timer.scope
      .run(() => sleep(Math.max(0, dueAt - Date.now()), { summary: this.summary }))
      .then(
        () => (timer.fired = true),
        (error: unknown) => {
          if (!isCancellation(error)) throw error;
        },
      );
    this.armed = timer;
  }

  /** Whether the timer fired (and the lifecycle has not yet looked). */
  get fired(): boolean {
    return this.armed?.fired ?? false;
  }

  /** The lifecycle looked at a firing: the next `arm` starts a new timer. */
  consume(): void {
    if (this.armed?.fired) this.armed = undefined;
  }
}

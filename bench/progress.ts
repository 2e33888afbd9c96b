/** Progress lines while the bench runs: `[bench  +42s] …`. */
const started = Date.now();

export function progress(line: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
  console.log(`[bench ${seconds}s] ${line}`);
}

/** Sleeps `ms` (the bench's polling loops all have a count or a deadline). */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

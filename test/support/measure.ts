/** Runs `work` over `items`, `concurrency` at a time. */
export async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** Logs how many of `unit` went through per second since `started` (performance.now()); measured, never asserted. */
export function reportRate(tag: string, what: string, count: number, unit: string, started: number): void {
  const seconds = (performance.now() - started) / 1000;
  console.log(`[${tag}] ${what}: ${count} ${unit} in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} ${unit}/s`);
}

/**
 * Waiting for a started server to be ready, with errors that say why it is not:
 * it exited (with what code) or timed out, followed by the last lines of its log.
 */
import { open } from 'node:fs/promises';
import net from 'node:net';
import type { ManagedProcess } from './process.js';

/** How long and how often to check. */
export interface WaitOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Pause between checks (default 100 ms). */
  intervalMs?: number;
}

/**
 * Calls `check` until it returns true. If `proc` exits first or time runs out, `proc` is
 * stopped and the error names `what` was awaited and shows the tail of its log.
 * Returns how long it took, in ms.
 */
export async function waitUntilReady(
  proc: ManagedProcess,
  what: string,
  check: () => Promise<boolean>,
  { timeoutMs = 30_000, intervalMs = 100 }: WaitOptions = {},
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const exit = proc.exit();
    if (exit) {
      const how = exit.error ? `could not start: ${exit.error.message}` : `exited (${exit.signal ?? `code ${exit.code}`})`;
      throw new Error(`${proc.name} ${how} before ${what}${await tailOf(proc.logFile)}`);
    }
    if (await check().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      await proc.stop();
      throw new Error(`${proc.name} was not ready (${what}) after ${timeoutMs} ms${await tailOf(proc.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Whether something accepts TCP connections at `host:port`. */
export function tcpAccepts(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/** Whether `url` answers a GET with a 2xx status. */
export async function httpAnswers(url: string, timeoutMs = 1_000): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await res.body?.cancel();
  return res.ok;
}

/** The last `lines` lines of a log file, formatted to append to an error message. */
export async function tailOf(file: string, lines = 25): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 16_384);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      const tail = buffer.toString('utf8').split('\n').slice(-lines - 1).join('\n').trimEnd();
      return `\n--- last lines of ${file} ---\n${tail}`;
    } finally {
      await handle.close();
    }
  } catch {
    return ` (no log at ${file})`;
  }
}

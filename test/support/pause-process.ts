/** Pausing a server this process started (SIGSTOP/SIGCONT): it keeps its sockets and answers nothing, as a hung host does. */
import { readdirSync, readFileSync } from 'node:fs';
import { eventually } from './eventually.js';

/** The pid of the one child of this process with `arg` on its command line (`127.0.0.1:<port>`, `<port>`). */
export function childWith(arg: string): number {
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const parent = Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
        return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(arg);
      } catch {
        return false; // gone meanwhile
      }
    });
  if (children.length !== 1) throw new Error(`${children.length} child processes have ${arg} on their command line`);
  return Number(children[0]);
}

const allThreadsStopped = (pid: number) =>
  readdirSync(`/proc/${pid}/task`).every((tid) => /State:\s+T/.test(readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8')));

/** Stops the process while `during` runs, and lets it go on after, whatever `during` did. */
export async function whilePaused<T>(pid: number, during: () => Promise<T>): Promise<T> {
  process.kill(pid, 'SIGSTOP');
  try {
    await eventually(async () => allThreadsStopped(pid), Boolean, { timeoutMs: 5_000, intervalMs: 20, what: `every thread of ${pid} stopped` });
    return await during();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
}

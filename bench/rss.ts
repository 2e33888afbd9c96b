/** The worker's resident memory: VmRSS of its process and its descendants, from /proc (Linux). */
import { readdirSync, readFileSync } from 'node:fs';

export interface Rss {
  pid: number;
  /** Sum over the process and its descendants, MiB. */
  mib: number;
  processes: number;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function rssKiB(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** RSS of `pid` and every process below it, or undefined when there is no such process (or no /proc). */
export function workerRss(pid: number | undefined): Rss | undefined {
  if (pid === undefined) return undefined;
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    const parent = parentOf(entry);
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const own = rssKiB(pid);
  if (own === 0) return undefined;
  let total = 0;
  let processes = 0;
  const queue = [pid];
  for (let i = 0; i < queue.length && i < 10_000; i++) {
    total += rssKiB(queue[i]!);
    processes += 1;
    queue.push(...(children.get(queue[i]!) ?? []));
  }
  return { pid, mib: total / 1024, processes };
}

/**
 * CPU time a server has used, read from Linux's /proc for the process the
 * bench spawned and every process below it (scripts/start.mjs runs the real
 * server as its child; how the server is started may change, the tree does
 * not). CPU per request moves far less with other work on the machine than
 * requests/s does: a busy neighbour makes a request wait, not cost more.
 * Elsewhere than Linux it is not available (null).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

let ticksPerSecond: number | null = null;

/** User + system CPU seconds used so far by `pid` and its descendants; null without /proc. */
export function cpuSecondsOfTree(pid: number): number | null {
  if (process.platform !== 'linux') return null;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  const processes = readProcesses();
  const inTree = new Set([pid]);
  // Parents come before their children often but not always: repeat until nothing is added.
  for (let grew = true; grew;) {
    grew = false;
    for (const { id, parent } of processes) {
      if (!inTree.has(id) && inTree.has(parent)) {
        inTree.add(id);
        grew = true;
      }
    }
  }
  const ticks = processes
    .filter(({ id }) => inTree.has(id))
    .reduce((total, { cpuTicks }) => total + cpuTicks, 0);
  return ticks / ticksPerSecond;
}

type ProcessStat = { id: number; parent: number; cpuTicks: number };

function readProcesses(): ProcessStat[] {
  const found: ProcessStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone since the directory was listed
    }
    // proc(5): "pid (comm) state ppid …"; comm may hold spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After comm: [0] state, [1] ppid, …, [11] utime, [12] stime (fields 14 and 15 of proc(5)).
    found.push({
      id: Number(entry),
      parent: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
    });
  }
  return found;
}

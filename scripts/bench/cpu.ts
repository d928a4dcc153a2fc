import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

function machineBusyMs(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  return { busy, total };
}

/** CPU time of this process's `java` children (DynamoDB Local), from /proc; 0 where /proc is missing. */
function javaChildrenCpuMs(): number {
  let ticks = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      } catch {
        continue;
      }
      // The command name is in parentheses and may contain spaces: split after the last ')'.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (name === 'java' && Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
    }
  } catch {
    return 0;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

export type CpuUse = { wallMs: number; nodeMs: number; javaMs: number; machineBusyPct: number };

/** Starts measuring; the returned function gives the CPU used since by this process, DynamoDB Local and the machine. */
export function cpuMeter(): () => CpuUse {
  const wall = performance.now();
  const node = process.cpuUsage();
  const java = javaChildrenCpuMs();
  const machine = machineBusyMs();
  return () => {
    const nodeUse = process.cpuUsage(node);
    const machineNow = machineBusyMs();
    return {
      wallMs: performance.now() - wall,
      nodeMs: (nodeUse.user + nodeUse.system) / 1000,
      javaMs: javaChildrenCpuMs() - java,
      machineBusyPct: (100 * (machineNow.busy - machine.busy)) / Math.max(1, machineNow.total - machine.total),
    };
  };
}

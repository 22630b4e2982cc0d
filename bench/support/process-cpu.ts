import { readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time of the processes a run involves, read from /proc (Linux), so a figure says
 * where a launch's cost goes when the tool, the database server and the load generator
 * share one machine. Elsewhere the readings are empty and the run reports no CPU split.
 */
export interface CpuProbe {
  label: string;
  /** CPU milliseconds (user + system) used so far; undefined once the process is gone. */
  read(): number | undefined;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux.

function procCpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

export function processProbe(label: string, pid: number | undefined): CpuProbe {
  return { label, read: () => (pid === undefined ? undefined : procCpuMs(pid)) };
}

/** The processes whose command line contains `marker` (a data folder), e.g. a database server started for the run. */
export function processesMatching(label: string, marker: string, names: readonly string[]): CpuProbe {
  let pids: number[] = [];
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => {
        try {
          const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
          return names.includes(comm) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
        } catch {
          return false;
        }
      });
  } catch {
    // No /proc.
  }
  return {
    label,
    read: () => {
      if (pids.length === 0) return undefined;
      const values = pids.map(procCpuMs);
      return values.some((v) => v === undefined) ? undefined : values.reduce<number>((sum, v) => sum + v!, 0);
    },
  };
}

/** This process: the load generator and the platform simulator. */
export const selfProbe = (label: string): CpuProbe => ({ label, read: () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; } });

/** Starts counting: `perUnit(n)` gives each probe's CPU milliseconds since then, divided by n (undefined where unreadable). */
export function startCpuCount(probes: readonly CpuProbe[]): { perUnit(units: number): Record<string, number | undefined> } {
  const before = probes.map((p) => p.read());
  return {
    perUnit(units) {
      return Object.fromEntries(
        probes.map((p, i) => {
          const now = p.read();
          return [p.label, before[i] === undefined || now === undefined ? undefined : (now - before[i]!) / units];
        }),
      );
    },
  };
}

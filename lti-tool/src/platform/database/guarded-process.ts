import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from '../logger.js';

/**
 * A database server started as a child that never outlives us.
 *
 * The server runs in its own process group, so a Ctrl-C in the terminal reaches only
 * our process, which drains requests and then stops the server in order. If we die
 * without cleaning up (SIGKILL, crash), a small `sh` watchdog notices that the pipe
 * from us closed and stops the server: no orphan keeps the port or the data files.
 */
export interface GuardedProcess {
  readonly pid: number;
  /** Resolves with the exit code (or signal) once the server has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the server wrote, for error messages. */
  recentOutput(): string;
  stop(timeoutMs?: number): Promise<void>;
}

const WATCHDOG = [
  'exec 3<&0',
  '"$@" </dev/null &',
  'server=$!',
  '(read _ <&3; kill -TERM "$server" 2>/dev/null) &',
  'watcher=$!',
  'wait "$server"',
  'status=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$status"',
].join('\n');

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

export function spawnGuarded(
  command: string,
  args: string[],
  options: { log: Logger; name: string; env?: NodeJS.ProcessEnv },
): GuardedProcess {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, options.name, command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: options.env ?? process.env,
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${command})`);
  const pid = child.pid;
  live.add(child);
  installExitHook();

  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      options.log.debug({ server: options.name }, line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    pid,
    exited,
    recentOutput: () => lines.join('\n'),
    stop(timeoutMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        signalGroup(pid, 'SIGTERM');
        const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** Last resort on a normal exit that skipped the orderly stop (e.g. process.exit in a test runner). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) if (child.pid !== undefined) signalGroup(child.pid, 'SIGTERM');
  });
}

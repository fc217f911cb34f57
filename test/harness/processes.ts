// Child processes in their own process group (Node's `detached` runs setsid), stopped by signalling
// the whole group so helpers they spawned (extension host, file watcher, pty host) go with them.
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

export interface GroupProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Resolves with the exit code (or the signal name) once the main process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM to the group, then SIGKILL after `graceMs`. Safe to call more than once. */
  stop(graceMs?: number): Promise<void>;
}

/** Groups started and not yet stopped, and temporary folders: cleaned up if this process exits first (crash, process.exit, Ctrl-C). */
const liveGroups = new Set<number>();
const temporaryDirs = new Set<string>();
let exitHookInstalled = false;

function killLiveGroupsOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
    for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** A fresh temporary folder that is deleted when this process exits, unless removed earlier. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.add(dir);
  killLiveGroupsOnExit();
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  temporaryDirs.delete(dir);
}

export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions & { logFile?: string } = {}): GroupProcess {
  const { logFile, ...spawnOptions } = options;
  let stdio: SpawnOptions['stdio'] = spawnOptions.stdio ?? ['ignore', 'pipe', 'pipe'];
  let logFd: number | undefined;
  if (logFile) {
    logFd = fs.openSync(logFile, 'a');
    stdio = ['ignore', logFd, logFd];
  }
  const child = spawn(command, [...args], { ...spawnOptions, stdio, detached: true });
  if (logFd !== undefined) fs.closeSync(logFd);
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);
  killLiveGroupsOnExit();
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.once('error', (err) => resolve(`error: ${err.message}`));
  });
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 5000): Promise<void> => {
    stopping ??= (async () => {
      signalGroup(pid, 'SIGTERM');
      await Promise.race([exited, delay(graceMs)]);
      // The main process may be gone while group members linger: always finish with SIGKILL.
      signalGroup(pid, 'SIGKILL');
      await Promise.race([exited, delay(2000)]);
      liveGroups.delete(pid);
    })();
    return stopping;
  };
  return { child, pid, exited, stop };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A port that was free a moment ago on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Polls `url` until it answers 2xx; throws after `timeoutMs` or as soon as `exited` settles. */
export async function waitForHttpOk(url: string, timeoutMs: number, exited?: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone: unknown;
  let hasExited = false;
  void exited?.then((value) => {
    hasExited = true;
    gone = value;
  });
  let lastError = '';
  while (Date.now() < deadline) {
    if (hasExited) throw new Error(`process exited (${String(gone)}) before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await delay(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError})`);
}

// One writer per history folder. Two windows can share a folder: every window without a folder
// uses the same global storage, and code-server lets two browser tabs open the same workspace. Two
// writers would each fold the journal from their own memory and silently drop the other's tasks,
// so the first window takes a lock file and a second one runs without saving history (and says so).
// A lock whose process no longer exists (a crash) is taken over. Imports no vscode.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCK_FILE = 'writer.lock';

export interface StoreLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for another writer to let go (a window being reloaded releases it on shutdown). */
  readonly waitMs?: number;
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

export async function acquireStoreLock(directory: string, options: LockOptions = {}): Promise<StoreLock | undefined> {
  const file = path.join(directory, LOCK_FILE);
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processExists;
  const deadline = Date.now() + (options.waitMs ?? 3_000);
  const content = JSON.stringify({ pid, host: os.hostname(), at: new Date().toISOString() });
  await fs.mkdir(directory, { recursive: true });
  for (;;) {
    try {
      await fs.writeFile(file, content, { flag: 'wx' });
      return { release: () => releaseIfOurs(file, content) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (!holder || holder.pid === pid || (holder.host === os.hostname() && !isAlive(holder.pid))) {
      // Unreadable, our own leftover, or its process is gone: take it over.
      await fs.rm(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readHolder(file: string): Promise<{ pid: number; host: string } | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown; host?: unknown };
    return typeof value.pid === 'number' && typeof value.host === 'string' ? { pid: value.pid, host: value.host } : undefined;
  } catch {
    return undefined;
  }
}

async function releaseIfOurs(file: string, content: string): Promise<void> {
  try {
    if ((await fs.readFile(file, 'utf8')) === content) await fs.rm(file, { force: true });
  } catch {
    // Already gone.
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

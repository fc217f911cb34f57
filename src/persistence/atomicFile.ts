// File writes that survive a crash at any instant: a file is replaced by writing a temporary file
// next to it, fsyncing it, renaming it over the old one and fsyncing the folder, so a reader sees
// either the old content or the new, never a mix or a half-written file.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const TEMP_SUFFIX = '.tmp';

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}${TEMP_SUFFIX}`;
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, file);
  await syncDirectory(path.dirname(file));
}

/** Makes a rename in `dir` durable. Not possible on every platform (Windows); skipped there. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Directories cannot be opened or fsynced on some platforms; the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Appends all of `text` (a short write is continued) and makes it durable. */
export async function appendDurably(handle: fs.FileHandle, text: string): Promise<void> {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    offset += bytesWritten;
  }
  await handle.datasync();
}

/** Renames a damaged file out of the way with a timestamp; returns the new path. */
export async function moveAside(file: string, reason: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.${reason}-${stamp}`;
  await fs.rename(file, target);
  return target;
}

/** Keeps a copy of a damaged file whose readable part stays in use; returns the copy's path. */
export async function copyAside(file: string, reason: string, now: number): Promise<string> {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const target = `${file}.${reason}-${stamp}`;
  await fs.copyFile(file, target);
  return target;
}

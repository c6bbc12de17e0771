import fs from 'node:fs/promises';
import { createRequire } from 'node:module';

// fs-native-extensions ships prebuilt binaries and no types; this is the one function used. Loaded on
// first use, so that a platform without a prebuilt binary can still run against DATABASE_URL.
type TryLock = (fd: number) => boolean;
let tryLockFn: TryLock | undefined;
function tryLock(fd: number): boolean {
  tryLockFn ??= (createRequire(import.meta.url)('fs-native-extensions') as { tryLock: TryLock }).tryLock;
  return tryLockFn(fd);
}

/** Another live process holds the lock: starting here would take its database away. */
export class DataDirectoryInUseError extends Error {}

export interface DataDirectoryLock {
  release(): Promise<void>;
}

/**
 * An exclusive lock on `lockFile` for the life of this process, so two `npm start` on one data directory
 * cannot both run its PostgreSQL server. The kernel holds it (an open-file-description lock on Linux,
 * flock elsewhere) and drops it when the holder dies however it dies, so a crash never leaves a stale
 * lock, a reused pid cannot keep one, and two starts cannot both take it. The file holds the owner's pid
 * only to say who holds it.
 */
export async function lockDataDirectory(lockFile: string, what: string): Promise<DataDirectoryLock> {
  const handle = await fs.open(lockFile, 'a+', 0o600);
  let locked: boolean;
  try {
    locked = tryLock(handle.fd);
  } catch (err) {
    await handle.close();
    throw err;
  }
  if (!locked) {
    const owner = (await handle.readFile('utf8').catch(() => '')).trim();
    await handle.close();
    throw new DataDirectoryInUseError(
      `${what} is in use by another motcua process${/^\d+$/.test(owner) ? ` (pid ${owner})` : ''}, ` +
        `which holds ${lockFile}. Stop that process first, or give this one another DATA_DIR.`,
    );
  }
  await handle.truncate(0);
  await handle.write(`${process.pid}\n`, 0);
  held.add(handle);
  return {
    async release() {
      if (!held.delete(handle)) return;
      // Closing the last descriptor drops the lock; the file stays (removing it would race a new holder).
      await handle.close();
    },
  };
}

// Held here so that the handles are never garbage-collected (which would close them and drop the locks).
const held = new Set<fs.FileHandle>();

/**
 * Where attachment bytes live. The database keeps the metadata (name, type, size, hash, dossier);
 * the bytes are stored here under their SHA-256.
 *
 * Why content-addressed:
 * - Dedupe: the same scan attached to several dossiers, or uploaded twice, is stored once; a second
 *   `put` of identical bytes writes nothing.
 * - Integrity: the key is the checksum. Every `get` hashes what it read and refuses bytes that do not
 *   match (a flipped bit on disk, a truncated copy from a restore, a hand-edited file) with
 *   StoredFileCorruptError, rather than serving a damaged legal document as if it were the original.
 * - Safety: keys are 64 lower-case hex digits, checked on every call, so no key can name a path
 *   outside the root; users' file names never reach the file system.
 * - Immutability: a key always means the same bytes, so a stored file is never modified in place,
 *   only written once (atomically) or deleted.
 *
 * Because keys are shared, `delete` must only be called once no row refers to the key any more
 * (the caller's job, in its transaction).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

export interface FileStorage {
  /** Stores `bytes` under `key`, which must be `sha256Hex(bytes)`. Idempotent; atomic (all or nothing). */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /**
   * The bytes stored under `key`, verified against it, or null when there are none.
   * A Buffer rather than a stream: the hash can only be checked once everything is read, and nothing
   * must be sent before it is (downloads are at most MAX_UPLOAD_MB). Throws StoredFileCorruptError.
   */
  get(key: string): Promise<Buffer | null>;
  /** Removes the bytes under `key`; nothing stored is not an error. */
  delete(key: string): Promise<void>;
}

/** Stored bytes no longer hash to their key: the file on disk is damaged. */
export class StoredFileCorruptError extends Error {
  constructor(
    readonly key: string,
    readonly actualHash: string,
    readonly filePath: string,
  ) {
    super(`stored file ${filePath} is corrupt: its SHA-256 is ${actualHash}, expected ${key}`);
    this.name = 'StoredFileCorruptError';
  }
}

const KEY = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isFileKey(key: string): boolean {
  return KEY.test(key);
}

function checkKey(key: string): void {
  if (!KEY.test(key)) throw new TypeError('file storage key must be 64 lower-case hexadecimal digits');
}

/** `<root>/ab/cd/abcd…`: two levels of 256 directories keep each directory small. */
export function localPathOf(rootDir: string, key: string): string {
  checkKey(key);
  return path.join(rootDir, key.slice(0, 2), key.slice(2, 4), key);
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Files on the local disk under `rootDir` (config.filesDir), owner-only. */
export function createLocalFileStorage(rootDir: string): FileStorage {
  const root = path.resolve(rootDir);

  async function readVerified(key: string): Promise<Buffer | null> {
    const file = localPathOf(root, key);
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    const actual = sha256Hex(bytes);
    if (actual !== key) throw new StoredFileCorruptError(key, actual, file);
    return bytes;
  }

  return {
    async put(key, bytes) {
      checkKey(key);
      if (sha256Hex(bytes) !== key) throw new TypeError('file storage key is not the SHA-256 of the bytes');
      const file = localPathOf(root, key);
      // Identical content already there: nothing to write. A damaged copy is replaced below.
      try {
        if (await readVerified(key)) return;
      } catch (err) {
        if (!(err instanceof StoredFileCorruptError)) throw err;
      }
      const dir = path.dirname(file);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // Write beside the target, flush, then rename: readers see the old state or the whole file,
      // never a partial one, even if the process dies mid-write. Concurrent puts of one key each
      // rename their own complete copy of the same bytes.
      const temp = path.join(dir, `.${key}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temp, 'wx', 0o600);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, file);
      } catch (err) {
        await unlink(temp).catch(() => undefined);
        throw err;
      }
      await syncDirectory(dir);
    },

    get: readVerified,

    async delete(key) {
      const file = localPathOf(root, key);
      try {
        await unlink(file);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      // The ab/cd directories stay: removing them would race with a concurrent put into them.
    },
  };
}

/** Makes the rename itself durable (POSIX); not possible, and not needed, on every platform. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory; the rename is still atomic there.
  }
}

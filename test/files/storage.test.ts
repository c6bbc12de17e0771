import { mkdtemp, readdir, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  StoredFileCorruptError,
  createLocalFileStorage,
  isFileKey,
  localPathOf,
  sha256Hex,
  type FileStorage,
} from '../../src/features/files/storage.ts';

let base: string;
let root: string;
let storage: FileStorage;

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'motcua-files-'));
  root = path.join(base, 'data', 'files');
  storage = createLocalFileStorage(root);
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const bytesOf = (text: string) => Buffer.from(text, 'utf8');

/** Every file under a directory, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('sha256Hex and keys', () => {
  it('hashes to 64 lower-case hex digits', () => {
    expect(sha256Hex(bytesOf('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(isFileKey(sha256Hex(new Uint8Array(0)))).toBe(true);
    expect(isFileKey('BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD')).toBe(false);
  });
});

describe('local file storage', () => {
  it('stores under ab/cd/<sha256> and reads the same bytes back', async () => {
    const bytes = bytesOf('%PDF-1.4 Đơn đề nghị');
    const key = sha256Hex(bytes);
    await storage.put(key, bytes);
    expect(await filesUnder(root)).toEqual([path.join(key.slice(0, 2), key.slice(2, 4), key)]);
    expect(localPathOf(root, key)).toBe(path.join(root, key.slice(0, 2), key.slice(2, 4), key));
    expect(await storage.get(key)).toEqual(bytes);
    if (process.platform !== 'win32') {
      expect((await stat(localPathOf(root, key))).mode & 0o777).toBe(0o600);
    }
  });

  it('answers null for a key it does not hold, and deleting it is not an error', async () => {
    const key = sha256Hex(bytesOf('never stored'));
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('deletes', async () => {
    const bytes = bytesOf('to be deleted');
    const key = sha256Hex(bytes);
    await storage.put(key, bytes);
    await storage.delete(key);
    expect(await storage.get(key)).toBeNull();
    expect(await filesUnder(root)).toEqual([]);
  });

  it('refuses a key that is not the hash of the bytes', async () => {
    const key = sha256Hex(bytesOf('one thing'));
    await expect(storage.put(key, bytesOf('another'))).rejects.toThrow(TypeError);
    expect(await filesUnder(base)).toEqual([]);
  });

  it('does not rewrite identical content', async () => {
    const bytes = bytesOf('the same scan, attached twice');
    const key = sha256Hex(bytes);
    await storage.put(key, bytes);
    const before = await stat(localPathOf(root, key));
    await new Promise((r) => setTimeout(r, 20));
    await storage.put(key, Buffer.from(bytes));
    const after = await stat(localPathOf(root, key));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(await filesUnder(root)).toHaveLength(1);
  });

  it('refuses every key that is not 64 lower-case hex digits, so none can leave the root', async () => {
    const good = sha256Hex(bytesOf('x'));
    const bad = [
      '../../../etc/passwd',
      `../${good.slice(3)}`,
      `${good.slice(0, 62)}/.`,
      `${good.slice(0, 63)}\\`,
      good.toUpperCase(),
      good.slice(1),
      `${good}0`,
      `${good}\n`,
      `/${good.slice(1)}`,
      '',
    ];
    for (const key of bad) {
      await expect(storage.put(key, bytesOf('x'))).rejects.toThrow(TypeError);
      await expect(storage.get(key)).rejects.toThrow(TypeError);
      await expect(storage.delete(key)).rejects.toThrow(TypeError);
      expect(() => localPathOf(root, key)).toThrow(TypeError);
    }
    expect(await filesUnder(base)).toEqual([]);
  });

  it('detects corruption on read: a flipped byte makes get throw', async () => {
    const bytes = Buffer.alloc(64 * 1024, 7);
    const key = sha256Hex(bytes);
    await storage.put(key, bytes);
    const file = localPathOf(root, key);
    const stored = await readFile(file);
    stored[1234] = (stored[1234] ?? 0) ^ 0x01;
    await writeFile(file, stored);
    const failure = await storage.get(key).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(StoredFileCorruptError);
    expect((failure as StoredFileCorruptError).key).toBe(key);
    expect((failure as StoredFileCorruptError).actualHash).toBe(sha256Hex(stored));

    // A truncated copy is corrupt too.
    await writeFile(file, stored.subarray(0, 100));
    await expect(storage.get(key)).rejects.toBeInstanceOf(StoredFileCorruptError);

    // Uploading the original again repairs it.
    await storage.put(key, bytes);
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
  });

  it('writes atomically: no temporary file left, a crashed write does not get in the way', async () => {
    const bytes = Buffer.alloc(1024 * 1024, 'Hồ sơ ');
    const key = sha256Hex(bytes);
    // A temporary file left by a process that died mid-write, beside where the file will go.
    const dir = path.dirname(localPathOf(root, key));
    await mkdir(dir, { recursive: true });
    const stale = path.join(dir, `.${key}.000000000000.tmp`);
    await writeFile(stale, bytes.subarray(0, 1000));
    expect(await storage.get(key)).toBeNull();

    await storage.put(key, bytes);
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.tmp') && n !== path.basename(stale))).toEqual([]);
  });

  it('never shows a reader a partial file, even with concurrent writers', async () => {
    const bytes = Buffer.alloc(4 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const key = sha256Hex(bytes);
    const reads: Promise<Buffer | null>[] = [];
    const writes: Promise<void>[] = [];
    for (let i = 0; i < 6; i++) {
      writes.push(storage.put(key, bytes));
      reads.push(storage.get(key));
    }
    await Promise.all(writes);
    for (const result of await Promise.all(reads)) {
      // null (not there yet) or the whole file; a partial file would have thrown StoredFileCorruptError.
      if (result !== null) expect(result.equals(bytes)).toBe(true);
    }
    expect((await storage.get(key))?.equals(bytes)).toBe(true);
    expect(await filesUnder(root)).toEqual([path.join(key.slice(0, 2), key.slice(2, 4), key)]);
  });
});

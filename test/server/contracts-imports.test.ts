/**
 * src/contracts/ is shared by the server, the web app (as types) and the tests: it may import only TypeBox,
 * the domain and other contracts, never the server, the database or a feature (they would follow it into
 * the browser bundle and tie the web app to the server's internals).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const contracts = join(root, 'src/contracts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The module specifiers a file imports or re-exports, statically or dynamically. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function allowed(file: string, specifier: string): boolean {
  if (specifier === 'typebox' || specifier.startsWith('typebox/')) return true;
  if (!specifier.startsWith('.')) return false;
  const target = relative(root, resolve(dirname(file), specifier));
  return target.startsWith('src/domain/') || target.startsWith('src/contracts/');
}

describe('src/contracts imports', () => {
  it('reads every kind of import line', () => {
    const text = [
      "import { Type } from 'typebox';",
      "import type { Db } from '../db/client.ts';",
      "export { Instant } from '../domain/formats.ts';",
      "export * from './common.ts';",
      "import '../server/side-effect.ts';",
      "const m = await import('../features/x.ts');",
      'import {\n  a,\n  b,\n} from "fastify";',
    ].join('\n');
    expect(specifiersOf(text).sort()).toEqual(
      [
        '../db/client.ts',
        '../domain/formats.ts',
        '../features/x.ts',
        '../server/side-effect.ts',
        './common.ts',
        'fastify',
        'typebox',
      ].sort(),
    );
  });

  it('are only typebox, src/domain/** and src/contracts/**', () => {
    const files = sourceFiles(contracts);
    expect(files.length).toBeGreaterThan(0);
    const wrong = files.flatMap((file) =>
      specifiersOf(readFileSync(file, 'utf8'))
        .filter((specifier) => !allowed(file, specifier))
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
    expect(wrong).toEqual([]);
  });
});

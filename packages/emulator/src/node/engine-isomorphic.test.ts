import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

/** Packages the engine may import: pure JavaScript that runs in browsers too. */
const ISOMORPHIC_PACKAGES = /^(@kindling\/core|re2js|@noble\/hashes\/[\w.-]+|crc-32(\/crc32c(\.js)?)?)$/;

const engineDir = fileURLToPath(new URL('../engine/', import.meta.url));
const restDir = fileURLToPath(new URL('../rest/', import.meta.url));

/** Checks every non-test source of `dir` imports only those packages and modules under `allowedDirs`. */
function expectIsomorphic(dir: string, allowedDirs: string[]): void {
  const sources = (readdirSync(dir, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !/\.(test|bench)\.ts$/.test(f) && !f.endsWith('test-support.ts'),
  );
  expect(sources.length).toBeGreaterThan(1);
  for (const file of sources) {
    const source = readFileSync(dir + file, 'utf8');
    for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
      if (ISOMORPHIC_PACKAGES.test(specifier!)) continue;
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\/.*\.js$/);
      const target = resolve(dirname(dir + file), specifier!);
      expect(
        allowedDirs.some((allowed) => target.startsWith(allowed)),
        `${file} imports ${specifier} from outside ${allowedDirs.join(', ')}`,
      ).toBe(true);
    }
    expect(source, `${file} uses a Node global`).not.toMatch(
      /\b(Buffer|process|__dirname|setImmediate)\b|\brequire\(/,
    );
  }
}

it('the engine uses only its own modules, isomorphic packages and web-standard globals, so it runs in browsers', () => {
  expectIsomorphic(engineDir, [engineDir]);
});

it('the REST handler uses only the engine, fetch-standard globals and isomorphic packages', () => {
  expectIsomorphic(restDir, [restDir, engineDir]);
});

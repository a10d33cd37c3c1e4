import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the engine uses only @kindling/core, its own modules and web-standard globals, so it runs in browsers', () => {
  const dir = fileURLToPath(new URL('../engine/', import.meta.url));
  const sources = (readdirSync(dir, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !/\.(test|bench)\.ts$/.test(f) && !f.endsWith('test-support.ts'),
  );
  expect(sources.length).toBeGreaterThan(5);
  for (const file of sources) {
    const source = readFileSync(dir + file, 'utf8');
    for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
      if (specifier === '@kindling/core') continue;
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^\.\.?\/.*\.js$/);
      const target = resolve(dirname(dir + file), specifier!);
      expect(target.startsWith(dir), `${file} imports ${specifier} from outside the engine`).toBe(true);
    }
    expect(source, `${file} uses a Node global`).not.toMatch(
      /\b(Buffer|process|require|__dirname|setImmediate)\b/,
    );
  }
});

import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the engine uses only @kindling/core, its own modules and web-standard globals, so it runs in browsers', () => {
  const dir = fileURLToPath(new URL('../engine/', import.meta.url));
  const sources = readdirSync(dir).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-support.ts',
  );
  expect(sources.length).toBeGreaterThan(5);
  for (const file of sources) {
    const source = readFileSync(dir + file, 'utf8');
    for (const [, specifier] of source.matchAll(/from '([^']+)'/g)) {
      expect(specifier, `${file} imports ${specifier}`).toMatch(/^(@kindling\/core|\.\/[\w-]+\.js)$/);
    }
    expect(source, `${file} uses a Node global`).not.toMatch(
      /\b(Buffer|process|require|__dirname|setImmediate)\b/,
    );
  }
});

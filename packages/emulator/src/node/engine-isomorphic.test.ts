import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the engine imports nothing but @kindling/core and its own modules, so it runs in browsers', () => {
  const dir = fileURLToPath(new URL('../engine/', import.meta.url));
  const sources = readdirSync(dir).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'test-support.ts',
  );
  expect(sources.length).toBeGreaterThan(5);
  for (const file of sources) {
    const specifiers = [...readFileSync(dir + file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const s of specifiers)
      expect(s, `${file} imports ${s}`).toMatch(/^(@kindling\/core|\.\/[\w-]+\.js)$/);
  }
});

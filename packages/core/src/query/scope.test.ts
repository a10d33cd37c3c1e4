import { describe, expect, it } from 'vitest';
import { inScope } from './scope.js';
import { ROOT } from './test-support.js';

const name = (path: string) => `${ROOT}/${path}`;

describe('inScope', () => {
  it('reads a collection directly under the parent', () => {
    expect(inScope(ROOT, [{ collectionId: 'c' }], name('c/a'))).toBe(true);
    expect(inScope(ROOT, [{ collectionId: 'c' }], name('d/a'))).toBe(false);
    expect(inScope(ROOT, [{ collectionId: 'c' }], name('c/a/c/b'))).toBe(false);
    expect(inScope(name('c/a'), [{ collectionId: 'c' }], name('c/a/c/b'))).toBe(true);
    expect(inScope(name('c/a'), [{ collectionId: 'c' }], name('c/a'))).toBe(false);
  });

  it('reads a collection group at any depth below the parent', () => {
    const group = [{ collectionId: 'c', allDescendants: true }];
    expect(inScope(ROOT, group, name('x/y/c/b'))).toBe(true);
    expect(inScope(ROOT, group, name('c/a/x/b'))).toBe(false);
    expect(inScope(name('x/y'), group, name('x/y/z/w/c/b'))).toBe(true);
    expect(inScope(name('x/y'), group, name('x/yy/c/b'))).toBe(false);
  });

  it('does not confuse a parent with a longer id sharing its prefix', () => {
    expect(inScope(name('c/a'), [{ collectionId: 'd' }], name('c/ab/d/x'))).toBe(false);
  });

  it('stays inside the parent database', () => {
    const other = 'projects/demo-x/databases/other/documents';
    expect(inScope(ROOT, [{ collectionId: 'c' }], `${other}/c/a`)).toBe(false);
    expect(inScope(ROOT, [{ collectionId: 'c' }], 'projects/demo-x/databases/(default)/documentsX/c/a')).toBe(
      false,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { catchStatus } from './catch-status.js';
import {
  checkIdLengths,
  collectionOf,
  compareIds,
  compareResourceNames,
  documentName,
  parseDatabaseName,
  parseDocumentName,
  parseParent,
  validateCollectionId,
  validateDocumentId,
} from './resource-name.js';

const DB = 'projects/demo-x/databases/(default)';
const P = `${DB}/documents`;

describe('parseDocumentName', () => {
  it('splits database and path', () => {
    expect(parseDocumentName(`${P}/c/d`)).toEqual({ database: DB, path: ['c', 'd'] });
    expect(parseDocumentName(`${P}/c/d/e/f/g/h`)).toEqual({
      database: DB,
      path: ['c', 'd', 'e', 'f', 'g', 'h'],
    });
    expect(parseDocumentName(`${P}/c/a b`).path).toEqual(['c', 'a b']);
    expect(parseDocumentName(`${P}/c/__id1__`).path).toEqual(['c', '__id1__']);
    expect(parseDocumentName(`${P}/c/__id-5__`).path).toEqual(['c', '__id-5__']);
    expect(parseDocumentName(`${P}/c/__id-9223372036854775808__`).path).toHaveLength(2);
    expect(parseDocumentName(`${P}/c/...`).path).toEqual(['c', '...']);
    expect(parseDocumentName(`${P}/c/${'é'.repeat(750)}`).path).toHaveLength(2);
  });

  it('refuses bad names with the official emulator messages', () => {
    const bad = (name: string, message: string) =>
      expect(catchStatus(() => parseDocumentName(name))).toEqual({ code: 3, message });
    bad(`${P}/c`, `Document name "${P}/c" lacks "/" at index 47.`);
    bad(`${P}/c/d/e`, `Document name "${P}/c/d/e" lacks "/" at index 51.`);
    bad(`${P}/c//d`, `Document name "${P}/c//d" lacks a resource id at index 48.`);
    bad(`${P}/c/d/`, `Document name "${P}/c/d/" has invalid trailing "/".`);
    bad(`${P}/c/__x__`, 'Resource id "__x__" is invalid because it is reserved.');
    bad(`${P}/c/__id05__`, 'Resource id "__id05__" is invalid because it is reserved.');
    bad(`${P}/c/__id0__`, 'Resource id "__id0__" is invalid because it is reserved.');
    bad(
      `${P}/c/__id9223372036854775808__`,
      'Resource id "__id9223372036854775808__" is invalid because it is not a 64 bit integer.',
    );
    bad(`${P}/__x__/d`, 'Collection id "__x__" is invalid because it is reserved.');
    bad(`${P}/c/.`, `Document name "${P}/c/." contains a resource id "." at index 48.`);
    bad(`${P}/c/..`, `Document name "${P}/c/.." contains a resource id ".." at index 48.`);
    bad(`${DB}/`, `Document name "${DB}/" has invalid trailing "/".`);
    bad(
      P,
      `Document name "${P}" is invalid: Omit "/documents" when referencing a database (except as the parent of a document).`,
    );
    bad('bad/c/d', 'Document name "bad/c/d" lacks "projects" at index 0.');
    bad(`${DB}/docs/c/d`, `Document name "${DB}/docs/c/d" lacks "documents" at index 36.`);
    bad(DB, `Document name "${DB}" lacks "/" at index 35.`);
    bad(
      'projects//databases/d/documents/c/d',
      'Document name "projects//databases/d/documents/c/d" lacks a project id at index 9.',
    );
    bad(`${P}/`, `Document name "${P}/" is invalid: Omit trailing "/".`);
    bad(`${P}//x`, `Document name "${P}//x" lacks a collection id at index 46.`);
    bad(`${P}/./a b/c/c`, `Document name "${P}/./a b/c/c" contains a collection id "." at index 46.`);
    bad(`${P}/__id5__`, 'Collection id "__id5__" is invalid because it is reserved.');
    // Ids are checked in order before the trailing slash and the segment count; lengths last.
    bad(`${P}/c/é/__x__/`, 'Collection id "__x__" is invalid because it is reserved.');
    bad(`${P}/c/__id05__/d`, 'Resource id "__id05__" is invalid because it is reserved.');
    bad(`${P}/${'a'.repeat(1501)}`, `Document name "${P}/${'a'.repeat(1501)}" lacks "/" at index 1547.`);
  });

  it('leaves id lengths to checkIdLengths, as Firestore checks them only on writes', () => {
    expect(parseDocumentName(`${P}/c/${'a'.repeat(1501)}`).path[1]).toHaveLength(1501);
    expect(catchStatus(() => checkIdLengths(['c', 'a'.repeat(1500)]))).toBeUndefined();
    expect(catchStatus(() => checkIdLengths(['c', 'a'.repeat(1501)]))).toEqual({
      code: 3,
      message: 'The key path element name is longer than 1500 bytes.',
    });
    expect(catchStatus(() => checkIdLengths(['c', 'é'.repeat(751)]))?.code).toBe(3);
  });
});

describe('parseParent and parseDatabaseName', () => {
  it('accepts the documents root and documents', () => {
    expect(parseParent(P)).toEqual({ database: DB, path: [] });
    expect(parseParent(`${P}/c/d`)).toEqual({ database: DB, path: ['c', 'd'] });
    expect(catchStatus(() => parseParent(`${P}/c`))).toEqual({
      code: 3,
      message: `Document parent name "${P}/c" lacks "/" at index 47.`,
    });
    expect(parseDatabaseName(DB)).toEqual({ projectId: 'demo-x', databaseId: '(default)' });
    expect(catchStatus(() => parseDatabaseName(P))).toEqual({
      code: 3,
      message: `Database name "${P}" has unexpected text at index 35.`,
    });
  });

  it('builds names and finds collections', () => {
    expect(documentName(DB, ['c', 'd'])).toBe(`${P}/c/d`);
    expect(documentName(DB, [])).toBe(P);
    expect(collectionOf(['a', 'b', 'c', 'd'])).toBe('c');
  });
});

describe('compareResourceNames', () => {
  it('puts numeric ids first, by number, then string ids in UTF-8 order (as the official emulator orders __name__)', () => {
    const ids = ['__id-5__', '__id5__', '__id9__', '__id10__', '0', 'A', 'a', 'é', '😀'];
    const names = ids.map((id) => `${P}/nid/${id}`);
    expect([...names].reverse().sort(compareResourceNames)).toEqual(names);
    expect(compareIds('__id05__', '0')).toBe(1);
    expect(compareResourceNames(`${P}/a/b`, `${P}/a/b/c/d`)).toBe(-1);
    expect(compareResourceNames(`${P}/a/b`, `${P}/a/b`)).toBe(0);
  });

  it('compares whole segments wherever two names first differ', () => {
    const cases: [string, string, number][] = [
      ['c/__id10__', 'c/__id9__', 1], // differ inside a numeric id: 10 > 9, though '1' < '9'
      ['c/__id9__/d/x', 'c/__id10__', -1],
      ['c/ab/x', 'c/a/x', 1], // differ at a slash of one name
      ['c/a/x', 'c/a-/x', -1],
      ['c/a', 'c/a/d/x', -1], // a prefix of the other
      ['c/a/d/x', 'c/ab', -1],
      ['b/z', 'c/a', -1],
      ['c/é', 'c/z', 1], // UTF-8 order
    ];
    for (const [a, b, order] of cases) {
      expect(
        [compareResourceNames(`${P}/${a}`, `${P}/${b}`), compareResourceNames(`${P}/${b}`, `${P}/${a}`)],
        `${a} vs ${b}`,
      ).toEqual([order, -order]);
    }
    expect(compareResourceNames('a/x', 'b/x')).toBe(-1);
  });
});

describe('id validation', () => {
  it('refuses empty, dot, reserved and over-long ids', () => {
    expect(catchStatus(() => validateDocumentId('ok id'))).toBeUndefined();
    expect(catchStatus(() => validateDocumentId(''))).toEqual({
      code: 3,
      message: 'Resource id "" is invalid because it is empty.',
    });
    expect(catchStatus(() => validateDocumentId('..'))).toEqual({
      code: 3,
      message: 'Resource id ".." is invalid because it is reserved.',
    });
    expect(catchStatus(() => validateDocumentId('a/b'))).toEqual({
      code: 3,
      message: 'Resource id "a/b" is invalid because it contains "/".',
    });
    expect(catchStatus(() => validateDocumentId('__x__'))).toEqual({
      code: 3,
      message: 'Resource id "__x__" is invalid because it is reserved.',
    });
    expect(catchStatus(() => validateCollectionId('__x__'))).toEqual({
      code: 3,
      message: 'Collection id "__x__" is invalid because it is reserved.',
    });
    expect(catchStatus(() => validateCollectionId('a'.repeat(1501)))).toEqual({
      code: 3,
      message: 'The key path element name is longer than 1500 bytes.',
    });
  });
});

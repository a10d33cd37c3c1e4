import { describe, expect, it } from 'vitest';
import { catchStatus } from '../model/catch-status.js';
import type { Document, Value, Write } from '../protocol/v1.js';
import { applyWrite, validateWrite, writeTarget } from './write.js';

const DB = 'projects/demo-x/databases/(default)';
const NAME = `${DB}/documents/c/d`;
const T0 = '2026-11-28T03:00:00.000001Z';
const T1 = '2026-11-28T03:06:46.842292Z';
const MS = '2026-11-28T03:06:46.842Z';
const int = (n: number): Value => ({ integerValue: String(n) });
const map = (fields: Record<string, Value>): Value => ({ mapValue: { fields } });

const existing = (fields: Record<string, Value>): Document => ({
  name: NAME,
  fields,
  createTime: T0,
  updateTime: T0,
});

describe('applyWrite: update', () => {
  it('replaces all fields without a mask and sets the times', () => {
    expect(
      applyWrite(
        existing({ a: int(1) }),
        { update: { name: NAME, fields: { b: { integerValue: '02' } } } },
        T1,
      ),
    ).toEqual({
      document: { name: NAME, fields: { b: int(2) }, createTime: T0, updateTime: T1 },
      transformResults: [],
    });
    expect(applyWrite(null, { update: { name: NAME, fields: {} } }, T1)).toEqual({
      document: { name: NAME, createTime: T1, updateTime: T1 },
      transformResults: [],
    });
  });

  it('with a mask sets masked paths from the update and deletes masked paths it lacks', () => {
    const current = existing({ x: int(1), m: map({ p: int(1), q: int(2) }), k: int(5) });
    const write: Write = {
      update: { name: NAME, fields: { m: map({ r: int(3) }), z: int(9) } },
      updateMask: { fieldPaths: ['x', 'm.p', 'm.r', 'nope.deep'] },
    };
    expect(applyWrite(current, write, T1).document).toEqual({
      name: NAME,
      fields: { m: map({ q: int(2), r: int(3) }), k: int(5) },
      createTime: T0,
      updateTime: T1,
    });
  });

  it('with a mask replaces whole maps, writes through non-map parents and quoted paths', () => {
    const current = existing({ m: map({ p: int(1) }), k: int(5) });
    const write: Write = {
      update: { name: NAME, fields: { m: map({ a: int(1) }), k: map({ a: int(1) }), 'x.y': int(1) } },
      updateMask: { fieldPaths: ['m', 'k.a', '`x.y`'] },
    };
    expect(applyWrite(current, write, T1).document?.fields).toEqual({
      m: map({ a: int(1) }),
      k: map({ a: int(1) }),
      'x.y': int(1),
    });
  });

  it('with a mask creates a missing document', () => {
    const write: Write = { update: { name: NAME, fields: { a: int(1) } }, updateMask: { fieldPaths: ['a'] } };
    expect(applyWrite(null, write, T1).document).toEqual({
      name: NAME,
      fields: { a: int(1) },
      createTime: T1,
      updateTime: T1,
    });
  });

  it('keeps the previous updateTime when the write changes nothing', () => {
    const current = existing({ a: int(1), m: map({ x: int(1), y: int(2) }) });
    const same: Write = { update: { name: NAME, fields: { m: map({ y: int(2), x: int(1) }), a: int(1) } } };
    expect(applyWrite(current, same, T1).document?.updateTime).toBe(T0);
    const masked: Write = {
      update: { name: NAME, fields: { z: int(3) } },
      updateMask: { fieldPaths: ['nope'] },
    };
    expect(applyWrite(current, masked, T1).document?.updateTime).toBe(T0);
    const retyped: Write = {
      update: { name: NAME, fields: { a: { doubleValue: 1 }, m: map({ x: int(1), y: int(2) }) } },
    };
    expect(applyWrite(current, retyped, T1).document?.updateTime).toBe(T1);
  });

  it('applies transforms after the update, answering their results', () => {
    const write: Write = {
      update: { name: NAME, fields: { x: int(2) } },
      updateMask: { fieldPaths: ['x'] },
      updateTransforms: [
        { fieldPath: 'x', increment: int(1) },
        { fieldPath: 't', setToServerValue: 'REQUEST_TIME' },
      ],
    };
    expect(applyWrite(existing({ x: int(1), y: int(1) }), write, T1)).toEqual({
      document: {
        name: NAME,
        fields: { x: int(3), y: int(1), t: { timestampValue: MS } },
        createTime: T0,
        updateTime: T1,
      },
      transformResults: [int(3), { timestampValue: MS }],
    });
  });

  it('refuses a result over the limits', () => {
    const big = { stringValue: 'a'.repeat(600_000) };
    const write: Write = { update: { name: NAME, fields: { b: big } }, updateMask: { fieldPaths: ['b'] } };
    expect(catchStatus(() => applyWrite(existing({ a: big }), write, T1))?.message).toMatch(
      /^Document ".*\/c\/d" cannot be written because its size \(1,200,0\d\d bytes\) exceeds the maximum allowed size of 1,048,576 bytes\.$/,
    );
  });
});

describe('applyWrite: transform and delete', () => {
  it('applies a transform write, creating a missing document', () => {
    const write: Write = {
      transform: { document: NAME, fieldTransforms: [{ fieldPath: 'a', increment: int(1) }] },
    };
    expect(applyWrite(null, write, T1)).toEqual({
      document: { name: NAME, fields: { a: int(1) }, createTime: T1, updateTime: T1 },
      transformResults: [int(1)],
    });
    expect(applyWrite(existing({ a: int(1), b: int(0) }), write, T1).document?.fields).toEqual({
      a: int(2),
      b: int(0),
    });
  });

  it('deletes, existing or not', () => {
    expect(applyWrite(existing({}), { delete: NAME }, T1)).toEqual({ document: null, transformResults: [] });
    expect(applyWrite(null, { delete: NAME }, T1)).toEqual({ document: null, transformResults: [] });
  });
});

describe('applyWrite: preconditions', () => {
  const update: Write = { update: { name: NAME, fields: {} } };

  it('exists: false refuses an existing document with ALREADY_EXISTS', () => {
    expect(
      catchStatus(() => applyWrite(existing({}), { ...update, currentDocument: { exists: false } }, T1)),
    ).toEqual({
      code: 6,
      message: `Document already exists: ${NAME}`,
    });
    expect(applyWrite(null, { ...update, currentDocument: { exists: false } }, T1).document?.name).toBe(NAME);
  });

  it('exists: true refuses a missing document with NOT_FOUND, for updates, deletes and transforms', () => {
    const notFound = { code: 5, message: `No document to update: ${NAME}` };
    expect(catchStatus(() => applyWrite(null, { ...update, currentDocument: { exists: true } }, T1))).toEqual(
      notFound,
    );
    expect(
      catchStatus(() => applyWrite(null, { delete: NAME, currentDocument: { exists: true } }, T1)),
    ).toEqual(notFound);
    const transform: Write = {
      transform: { document: NAME, fieldTransforms: [{ fieldPath: 'a', increment: int(1) }] },
      currentDocument: { exists: true },
    };
    expect(catchStatus(() => applyWrite(null, transform, T1))).toEqual(notFound);
  });

  it('updateTime must match the stored version', () => {
    expect(
      applyWrite(existing({}), { ...update, currentDocument: { updateTime: T0 } }, T1).document?.updateTime,
    ).toBe(T0);
    expect(
      catchStatus(() =>
        applyWrite(existing({}), { ...update, currentDocument: { updateTime: '2000-01-01T00:00:00Z' } }, T1),
      ),
    ).toEqual({
      code: 9,
      message:
        'the stored version (1795834800000001) does not match the required base version (946684800000000)',
    });
    expect(
      catchStatus(() =>
        applyWrite(null, { delete: NAME, currentDocument: { updateTime: '2000-01-01T00:00:00Z' } }, T1),
      ),
    ).toEqual({
      code: 9,
      message: 'the stored version (0) does not match the required base version (946684800000000)',
    });
  });
});

describe('applyWrite: verify', () => {
  it('checks the precondition and leaves the document as it is', () => {
    const current = existing({ a: int(1) });
    expect(applyWrite(current, { verify: NAME, currentDocument: { updateTime: T0 } }, T1)).toEqual({
      document: current,
      transformResults: [],
    });
    expect(applyWrite(null, { verify: NAME, currentDocument: { exists: false } }, T1)).toEqual({
      document: null,
      transformResults: [],
    });
    expect(
      catchStatus(() => applyWrite(current, { verify: NAME, currentDocument: { updateTime: T1 } }, T1))?.code,
    ).toBe(9);
    expect(
      catchStatus(() => applyWrite(null, { verify: NAME, currentDocument: { exists: true } }, T1)),
    ).toEqual({
      code: 5,
      message: `No document to update: ${NAME}`,
    });
  });

  it('is validated like a delete and needs a precondition', () => {
    expect(
      catchStatus(() => validateWrite({ verify: NAME, currentDocument: { exists: true } }, DB)),
    ).toBeUndefined();
    expect(catchStatus(() => validateWrite({ verify: NAME }, DB))).toEqual({
      code: 3,
      message: 'a verify must contain a precondition',
    });
    expect(
      catchStatus(() =>
        validateWrite({ verify: NAME, currentDocument: { exists: true }, updateMask: {} }, DB),
      ),
    ).toEqual({ code: 3, message: 'a verify must not specify a document mask.' });
    expect(writeTarget({ verify: NAME })).toBe(NAME);
  });
});

describe('validateWrite', () => {
  const check = (write: Write) => catchStatus(() => validateWrite(write, DB));

  it('accepts valid writes', () => {
    expect(
      check({ update: { name: NAME, fields: { a: int(1) } }, updateMask: { fieldPaths: ['a', '`b c`'] } }),
    ).toBeUndefined();
    expect(check({ delete: NAME, currentDocument: { exists: true } })).toBeUndefined();
    expect(
      check({ transform: { document: NAME, fieldTransforms: [{ fieldPath: 'a', increment: int(1) }] } }),
    ).toBeUndefined();
    expect(writeTarget({ delete: NAME })).toBe(NAME);
  });

  it('refuses malformed writes with Firestore messages', () => {
    expect(check({})).toEqual({ code: 3, message: 'empty write operation' });
    expect(check({ update: { name: NAME }, delete: NAME })).toEqual({
      code: 3,
      message: 'A write must set exactly one of update, delete, verify and transform, got update, delete.',
    });
    expect(check({ delete: NAME, updateMask: { fieldPaths: [] } })).toEqual({
      code: 3,
      message: 'a delete must not specify a document mask.',
    });
    expect(check({ delete: NAME, updateTransforms: [] })).toEqual({
      code: 3,
      message: 'a delete must not specify a update transform.',
    });
    expect(check({ transform: { document: NAME } })).toEqual({
      code: 3,
      message: 'The list of FieldTransform must not be empty.',
    });
    expect(check({ transform: { document: NAME, fieldTransforms: [] } })?.code).toBe(3);
    expect(check({ update: { name: NAME }, updateTransforms: [] })).toBeUndefined();
    expect(check({ delete: `${DB}/documents/c` })).toEqual({
      code: 3,
      message: `Document name "${DB}/documents/c" lacks "/" at index 47.`,
    });
    expect(check({ delete: 'projects/other/databases/(default)/documents/c/d' })).toEqual({
      code: 3,
      message: `Document "projects/other/databases/(default)/documents/c/d" is not in the database of this request, "${DB}".`,
    });
    expect(check({ update: { name: NAME, fields: { __x__: int(1) } } })).toEqual({
      code: 3,
      message: 'field name __x__ is reserved',
    });
    expect(
      check({ update: { name: NAME, fields: {} }, updateMask: { fieldPaths: ['a-b'] } })?.message,
    ).toMatch(/^Invalid property path "a-b"\./);
    expect(
      check({
        update: { name: NAME, fields: {} },
        updateTransforms: [{ fieldPath: 'x', increment: { stringValue: 's' } }],
      }),
    ).toEqual({
      code: 3,
      message: 'Input must be int64 or double.',
    });
    expect(
      check({ update: { name: NAME, fields: {} }, currentDocument: { exists: true, updateTime: T0 } }),
    ).toEqual({
      code: 3,
      message: 'A precondition may set exists or updateTime, not both.',
    });
    const garbage = (write: unknown) => check(write as Write);
    expect(garbage(null)).toEqual({ code: 3, message: 'Invalid write: expected a JSON object, got null.' });
    expect(garbage({ delete: 5 })).toEqual({
      code: 3,
      message: 'Invalid delete: expected a JSON string, got 5.',
    });
    expect(garbage({ update: [] })).toEqual({
      code: 3,
      message: 'Invalid update: expected a JSON object, got [].',
    });
    expect(garbage({ update: {} })).toEqual({
      code: 3,
      message: 'Invalid update.name: expected a JSON string, got undefined.',
    });
    expect(garbage({ update: { name: NAME }, updateMask: { fieldPaths: 'a' } })).toEqual({
      code: 3,
      message: 'Invalid updateMask.fieldPaths: expected a JSON array, got "a".',
    });
    expect(garbage({ update: { name: NAME }, updateTransforms: {} })).toEqual({
      code: 3,
      message: 'Invalid field transforms: expected a JSON array, got {}.',
    });
    expect(garbage({ update: { name: NAME }, updateTransforms: [null] })).toEqual({
      code: 3,
      message: 'Invalid field transform: expected a JSON object, got null.',
    });
    expect(garbage({ transform: { document: 1 } })).toEqual({
      code: 3,
      message: 'Invalid transform.document: expected a JSON string, got 1.',
    });
    expect(garbage({ delete: NAME, currentDocument: { exists: 'yes' } })).toEqual({
      code: 3,
      message: 'Invalid currentDocument.exists: expected a JSON boolean, got "yes".',
    });
    expect(check({ update: { name: NAME, fields: {} }, currentDocument: { updateTime: 'bad' } })).toEqual({
      code: 3,
      message: 'Invalid timestamp: "bad"',
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../rest/index.js';
import { type RunningEmulator, startEmulator } from './start.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.stop());

const DB = 'projects/demo-rest/databases/(default)';
const docs = () => `${emu.url}/v1/${DB}/documents`;
const name = (path: string) => `${DB}/documents/${path}`;

async function call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

const int = (n: number) => ({ integerValue: String(n) });

describe('REST v1', () => {
  it('GET / answers Ok', async () => {
    expect(await call('GET', `${emu.url}/`)).toMatchObject({ status: 200, json: 'Ok' });
  });

  it('PATCH writes a document, GET reads it (with a mask), a missing one is 404', async () => {
    const put = await call('PATCH', `${docs()}/rest/doc`, { fields: { x: int(1), y: int(2) } });
    expect(put.status).toBe(200);
    expect(put.json).toEqual({
      name: name('rest/doc'),
      fields: { x: int(1), y: int(2) },
      createTime: expect.any(String),
      updateTime: put.json.createTime,
    });
    expect((await call('GET', `${docs()}/rest/doc`)).json).toEqual(put.json);
    const masked = await call('GET', `${docs()}/rest/doc?mask.fieldPaths=x&mask.fieldPaths=zz`);
    expect(masked.json.fields).toEqual({ x: int(1) });
    expect(await call('GET', `${docs()}/rest/none`)).toEqual({
      status: 404,
      json: {
        error: { code: 404, message: `Document (${name('rest/none')}) not found.`, status: 'NOT_FOUND' },
      },
      headers: expect.anything(),
    });
  });

  it('PATCH with updateMask, currentDocument and a mismatched body name', async () => {
    await call('PATCH', `${docs()}/upd/doc`, { fields: { x: int(1), y: int(2) } });
    const upd = await call(
      'PATCH',
      `${docs()}/upd/doc?updateMask.fieldPaths=x&updateMask.fieldPaths=z&mask.fieldPaths=x`,
      {
        fields: { x: int(9) },
      },
    );
    expect(upd.json.fields).toEqual({ x: int(9) });
    expect((await call('GET', `${docs()}/upd/doc`)).json.fields).toEqual({ x: int(9), y: int(2) });
    expect(
      (await call('PATCH', `${docs()}/upd/doc?currentDocument.exists=false`, {})).json.error.status,
    ).toBe('ALREADY_EXISTS');
    const stale = await call(
      'PATCH',
      `${docs()}/upd/doc?currentDocument.updateTime=2020-01-01T00:00:00Z`,
      {},
    );
    expect([stale.status, stale.json.error.status]).toEqual([400, 'FAILED_PRECONDITION']);
    const wrongName = await call('PATCH', `${docs()}/upd/doc`, { name: name('upd/other'), fields: {} });
    expect([wrongName.status, wrongName.json.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    const onCollection = await call('PATCH', `${docs()}/upd`, {});
    expect(onCollection.json.error.message).toBe(
      `Document name "${name('upd')}" lacks "/" at index ${name('upd').length}.`,
    );
  });

  it('POST on a collection creates with documentId or a 20-character id', async () => {
    const auto = await call('POST', `${docs()}/made`, { fields: { a: int(1) } });
    expect(auto.json.name).toMatch(/\/documents\/made\/[A-Za-z0-9]{20}$/);
    const named = await call('POST', `${docs()}/made?documentId=mine`, { fields: {} });
    expect(named.json.name).toBe(name('made/mine'));
    const again = await call('POST', `${docs()}/made?documentId=mine`, { fields: {} });
    expect([again.status, again.json.error.status]).toEqual([409, 'ALREADY_EXISTS']);
  });

  it('DELETE removes a document and honours currentDocument', async () => {
    await call('PATCH', `${docs()}/del/doc`, { fields: {} });
    expect(await call('DELETE', `${docs()}/del/doc`)).toMatchObject({ status: 200, json: {} });
    expect((await call('GET', `${docs()}/del/doc`)).status).toBe(404);
    const missing = await call('DELETE', `${docs()}/del/doc?currentDocument.exists=true`);
    expect([missing.status, missing.json.error.status]).toEqual([404, 'NOT_FOUND']);
  });

  it('GET on a collection lists its documents in pages', async () => {
    for (const id of ['a', 'b', 'c'])
      await call('PATCH', `${docs()}/list/${id}`, { fields: { id: { stringValue: id } } });
    const page1 = await call('GET', `${docs()}/list?pageSize=2`);
    expect(page1.json.documents.map((d: any) => d.name)).toEqual([name('list/a'), name('list/b')]);
    const page2 = await call(
      'GET',
      `${docs()}/list?pageSize=2&pageToken=${encodeURIComponent(page1.json.nextPageToken)}`,
    );
    expect(page2.json).toEqual({ documents: [expect.objectContaining({ name: name('list/c') })] });
    expect((await call('GET', `${docs()}/nothing`)).json).toEqual({});
    expect((await call('GET', `${docs()}/list?pageToken=garbage`)).json.error.message).toBe(
      'invalid page token',
    );
  });

  it(':commit, :batchGet, :runQuery (on the root and a document), :runAggregationQuery', async () => {
    const commit = await call('POST', `${docs()}:commit`, {
      writes: [
        { update: { name: name('q/1'), fields: { n: int(1) } } },
        { update: { name: name('q/1/sub/s'), fields: {} } },
      ],
    });
    expect(commit.json.writeResults).toHaveLength(2);
    const got = await call('POST', `${docs()}:batchGet`, { documents: [name('q/1'), name('q/2')] });
    expect(got.json.map((r: any) => r.found?.name ?? r.missing)).toEqual([name('q/1'), name('q/2')]);
    const query = await call('POST', `${docs()}:runQuery`, {
      structuredQuery: { from: [{ collectionId: 'q' }] },
    });
    expect(query.json).toEqual([
      { document: expect.objectContaining({ name: name('q/1') }), readTime: expect.any(String), done: true },
    ]);
    const sub = await call('POST', `${docs()}/q/1:runQuery`, {
      structuredQuery: { from: [{ collectionId: 'sub' }] },
    });
    expect(sub.json.map((r: any) => r.document.name)).toEqual([name('q/1/sub/s')]);
    const agg = await call('POST', `${docs()}:runAggregationQuery`, {
      structuredAggregationQuery: {
        structuredQuery: { from: [{ collectionId: 'q' }] },
        aggregations: [{ alias: 'c', count: {} }],
      },
    });
    expect(agg.json).toEqual([
      { result: { aggregateFields: { c: int(1) } }, readTime: expect.any(String), done: true },
    ]);
  });

  it(':beginTransaction, :rollback, :listCollectionIds', async () => {
    const begun = await call('POST', `${docs()}:beginTransaction`, {});
    expect(begun.json).toEqual({ transaction: expect.any(String) });
    expect((await call('POST', `${docs()}:rollback`, { transaction: begun.json.transaction })).json).toEqual(
      {},
    );
    const bad = await call('POST', `${docs()}:rollback`, { transaction: 'bm9wZQ==' });
    expect(bad).toMatchObject({
      status: 400,
      json: { error: { code: 400, message: 'Invalid transaction.', status: 'INVALID_ARGUMENT' } },
    });
    await call('PATCH', `${docs()}/coll/d/inner/x`, { fields: {} });
    expect((await call('POST', `${docs()}/coll/d:listCollectionIds`, {})).json).toEqual({
      collectionIds: ['inner'],
    });
  });

  it('a transaction that read a document changed since answers 409 ABORTED', async () => {
    await call('PATCH', `${docs()}/tx/doc`, { fields: { v: int(1) } });
    const { json: begun } = await call('POST', `${docs()}:beginTransaction`, {});
    await call('POST', `${docs()}:batchGet`, { documents: [name('tx/doc')], transaction: begun.transaction });
    await call('PATCH', `${docs()}/tx/doc`, { fields: { v: int(2) } });
    const commit = await call('POST', `${docs()}:commit`, {
      transaction: begun.transaction,
      writes: [{ update: { name: name('tx/doc'), fields: { v: int(3) } } }],
    });
    expect([commit.status, commit.json.error.status]).toEqual([409, 'ABORTED']);
  });

  it('accepts bodies whatever the Content-Type', async () => {
    const plain = await call(
      'POST',
      `${docs()}:runQuery`,
      JSON.stringify({ structuredQuery: { from: [{ collectionId: 'q' }] } }),
      {
        'content-type': 'text/plain;charset=UTF-8',
      },
    );
    expect(plain.status).toBe(200);
    const form = await call('POST', `${docs()}:beginTransaction`, '{}', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(200);
  });

  it('answers bad input with Google error bodies and keeps serving', async () => {
    const notJson = await call('POST', `${docs()}:runQuery`, 'not json');
    expect(notJson.status).toBe(400);
    expect(notJson.json.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^Invalid JSON payload received: /),
    });
    const unknownField = await call('PATCH', `${docs()}/a/b`, { nope: 1 });
    expect(unknownField.json.error.message).toBe(
      'Invalid JSON payload received. Unknown name "nope": Cannot find field.',
    );
    const arrayBody = await call('POST', `${docs()}:commit`, '[1]');
    expect(arrayBody.json.error.status).toBe('INVALID_ARGUMENT');
    const badPath = await call('GET', `${docs()}/a//b`);
    expect(badPath.json.error.message).toBe(
      `Document name "${name('a//b')}" lacks a resource id at index ${name('a/').length}.`,
    );
    const reserved = await call('GET', `${docs()}/__x__/b`);
    expect(reserved.json.error.message).toBe('Collection id "__x__" is invalid because it is reserved.');
    const badQuery = await call('POST', `${docs()}:runQuery`, {
      structuredQuery: { from: [{ collectionId: 'q' }], limit: -1 },
    });
    expect(badQuery.json.error.status).toBe('INVALID_ARGUMENT');
    const badEncoding = await call('GET', `${docs()}/a/%E0%A4%A`);
    expect(badEncoding.json.error.status).toBe('INVALID_ARGUMENT');
    expect((await call('GET', `${emu.url}/`)).json).toBe('Ok');
  });

  it('refuses a document over 1 MiB and a body over the payload limit', async () => {
    const big = await call('PATCH', `${docs()}/big/doc`, {
      fields: { s: { stringValue: 'x'.repeat(1_100_000) } },
    });
    expect([big.status, big.json.error.status]).toEqual([400, 'INVALID_ARGUMENT']);
    const huge = await call(
      'POST',
      `${docs()}:commit`,
      `{"writes":[],"pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`,
    );
    expect(huge.json.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: `Request payload size exceeds the limit: ${MAX_BODY_BYTES} bytes.`,
    });
  });

  it('answers 404 for unknown routes and methods', async () => {
    for (const [method, url] of [
      ['GET', `${emu.url}/nothing`],
      ['GET', `${emu.url}/v1/${DB}/documents`],
      ['PUT', `${docs()}/a/b`],
      ['GET', `${docs()}:commit`],
      ['POST', `${docs()}/a/b:commit`],
      ['GET', `${emu.url}/v1/projects/p/databases`],
    ]) {
      const res = await call(method, url);
      expect([method, url, res.status, res.json.error?.status]).toEqual([method, url, 404, 'NOT_FOUND']);
    }
  });

  it('serves CORS preflights and headers', async () => {
    const pre = await fetch(`${docs()}/a/b`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,x-goog-api-client',
      },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(pre.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,x-goog-api-client',
    );
    expect(pre.headers.get('access-control-allow-methods')).toContain('PATCH');
    const plain = await fetch(`${emu.url}/`);
    expect(plain.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('DELETE /emulator/v1/…/documents clears only that database', async () => {
    const other = `${emu.url}/v1/projects/demo-rest/databases/other/documents`;
    await call('PATCH', `${docs()}/clear/me`, { fields: {} });
    await call('PATCH', `${other}/clear/me`, { fields: {} });
    const cleared = await call('DELETE', `${emu.url}/emulator/v1/${DB}/documents`);
    expect(cleared).toMatchObject({ status: 200, json: {} });
    expect((await call('GET', `${docs()}/clear/me`)).status).toBe(404);
    expect((await call('GET', `${other}/clear/me`)).status).toBe(200);
  });
});

/** The modular API over a fake server: read-back types, snapshots, converters, batches, transactions. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as fs from '../index.js';
import { type Answer, defaultAnswer, type FakeServer, installFakeServer } from '../remote/test-support.js';

const root = 'projects/p/databases/(default)/documents';
const READ_TIME = '2020-01-01T00:00:00Z';

describe('modular API over a fake server', () => {
  let server: FakeServer;
  let app: fs.FirebaseApp;
  let db: fs.Firestore;
  let answer: Answer;

  beforeAll(() => {
    server = installFakeServer((request) => answer(request));
    app = fs.initializeApp({ projectId: 'p' }, 'api-test');
    db = fs.getFirestore(app);
    fs.connectFirestoreEmulator(db, 'localhost', 1234, { mockUserToken: 'tok' });
  });

  beforeEach(() => {
    answer = defaultAnswer;
    server.requests.length = 0;
  });

  afterAll(async () => {
    await fs.terminate(db);
    server.uninstall();
  });

  it('connects to ws://host:port/kindling with the mock token in hello', async () => {
    await fs.getDoc(fs.doc(db, 'c/d'));
    expect(server.hellos.at(-1)).toEqual({
      url: 'ws://localhost:1234/kindling',
      frame: { type: 'hello', version: 1, database: 'projects/p/databases/(default)', token: 'tok' },
    });
  });

  it('reads every value type back as Firebase does', async () => {
    answer = () => [
      {
        found: {
          name: `${root}/c/d`,
          fields: {
            int: { integerValue: '42' },
            dbl: { doubleValue: 1.5 },
            nan: { doubleValue: 'NaN' },
            inf: { doubleValue: '-Infinity' },
            ts: { timestampValue: '2024-05-06T07:08:09.123456Z' },
            s: { stringValue: 'x' },
            b: { booleanValue: false },
            n: { nullValue: null },
            bytes: { bytesValue: 'AQL6' },
            ref: { referenceValue: `${root}/a/b` },
            geo: { geoPointValue: { latitude: 1, longitude: -2 } },
            arr: { arrayValue: { values: [{ integerValue: '1' }, { stringValue: 'a' }] } },
            emptyArr: { arrayValue: {} },
            map: { mapValue: { fields: { a: { mapValue: {} } } } },
          },
          createTime: READ_TIME,
          updateTime: READ_TIME,
        },
        readTime: READ_TIME,
      },
    ];
    const snap = await fs.getDoc(fs.doc(db, 'c/d'));
    expect(snap.exists()).toBe(true);
    expect(snap.id).toBe('d');
    expect(snap.ref.path).toBe('c/d');
    expect(snap.metadata).toMatchObject({ hasPendingWrites: false, fromCache: false });
    const data = snap.data()!;
    expect(data.int).toBe(42);
    expect(data.dbl).toBe(1.5);
    expect(data.nan).toBeNaN();
    expect(data.inf).toBe(Number.NEGATIVE_INFINITY);
    expect(data.ts).toBeInstanceOf(fs.Timestamp);
    expect([data.ts.seconds, data.ts.nanoseconds]).toEqual([1714979289, 123456000]);
    expect(data.s).toBe('x');
    expect(data.b).toBe(false);
    expect(data.n).toBeNull();
    expect(data.bytes).toBeInstanceOf(fs.Bytes);
    expect([...data.bytes.toUint8Array()]).toEqual([1, 2, 250]);
    expect(data.ref).toBeInstanceOf(fs.DocumentReference);
    expect(fs.refEqual(data.ref, fs.doc(db, 'a/b'))).toBe(true);
    expect(data.geo).toBeInstanceOf(fs.GeoPoint);
    expect([data.geo.latitude, data.geo.longitude]).toEqual([1, -2]);
    expect(data.arr).toEqual([1, 'a']);
    expect(data.emptyArr).toEqual([]);
    expect(data.map).toEqual({ a: {} });
    expect(snap.get('map.a')).toEqual({});
    expect(snap.get(new fs.FieldPath('arr'))).toEqual([1, 'a']);
    expect(snap.get('missing.deeper')).toBeUndefined();
  });

  it('gives a missing document as a snapshot that does not exist', async () => {
    const snap = await fs.getDoc(fs.doc(db, 'c/nope'));
    expect(snap.exists()).toBe(false);
    expect(snap.data()).toBeUndefined();
    expect(snap.get('a')).toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: 'batchGet', body: { documents: [`${root}/c/nope`] } });
  });

  it('reverses limitToLast results into query order', async () => {
    answer = () =>
      ['c', 'b'].map((id) => ({ document: { name: `${root}/c/${id}`, fields: {} }, readTime: READ_TIME }));
    const q = fs.query(fs.collection(db, 'c'), fs.orderBy('a'), fs.limitToLast(2));
    const snap = await fs.getDocs(q);
    expect(snap.docs.map((d) => d.id)).toEqual(['b', 'c']);
    expect(snap.size).toBe(2);
    expect(snap.empty).toBe(false);
    expect(snap.query).toBe(q);
    const seen: string[] = [];
    snap.forEach((d) => {
      seen.push(d.ref.path);
    });
    expect(seen).toEqual(['c/b', 'c/c']);
    expect(snap.docChanges().map((c) => [c.type, c.oldIndex, c.newIndex])).toEqual([
      ['added', -1, 0],
      ['added', -1, 1],
    ]);
  });

  it('builds cursors from a document snapshot with the normalized order', async () => {
    answer = () => [
      { found: { name: `${root}/c/k`, fields: { a: { integerValue: '5' } } }, readTime: READ_TIME },
    ];
    const snap = await fs.getDoc(fs.doc(db, 'c/k'));
    answer = defaultAnswer;
    server.requests.length = 0;
    await fs.getDocs(fs.query(fs.collection(db, 'c'), fs.where('a', '>', 1), fs.startAfter(snap)));
    expect(server.requests[0].body.structuredQuery.startAt).toEqual({
      before: false,
      values: [{ integerValue: '5' }, { referenceValue: `${root}/c/k` }],
    });
    expect(() => fs.query(fs.collection(db, 'c'), fs.orderBy('zz'), fs.startAt(snap))).toThrow(
      "Invalid query. You are trying to start or end a query using a document for which the field 'zz' (used as the orderBy) does not exist.",
    );
    const missing = await fs.getDoc(fs.doc(db, 'c/missing'));
    expect(() => fs.query(fs.collection(db, 'c'), fs.endAt(missing))).toThrow(
      "Can't use a DocumentSnapshot that doesn't exist for endAt().",
    );
  });

  it('applies converters on write and read', async () => {
    class City {
      constructor(readonly name: string) {}
    }
    const converter: fs.FirestoreDataConverter<City> = {
      toFirestore: (city: any) => ({ n: city.name }),
      fromFirestore: (snap: fs.QueryDocumentSnapshot) => new City(snap.data().n),
    };
    const ref = fs.doc(db, 'cities/sf').withConverter(converter);
    await fs.setDoc(ref, new City('SF'));
    expect(server.requests[0].body.writes[0].update.fields).toEqual({ n: { stringValue: 'SF' } });
    answer = () => [
      { found: { name: `${root}/cities/sf`, fields: { n: { stringValue: 'SF' } } }, readTime: READ_TIME },
    ];
    const city = (await fs.getDoc(ref)).data();
    expect(city).toBeInstanceOf(City);
    expect(city!.name).toBe('SF');
    expect(ref.withConverter(null).converter).toBeNull();
    expect(fs.doc(fs.collection(db, 'cities').withConverter(converter), 'x').converter).toBe(converter);
  });

  it('maps aggregation results back to the caller aliases', async () => {
    answer = () => [
      {
        result: {
          aggregateFields: {
            aggregate_0: { integerValue: '3' },
            aggregate_1: { doubleValue: 2.5 },
            aggregate_2: { nullValue: null },
          },
        },
        readTime: READ_TIME,
      },
    ];
    const snap = await fs.getAggregateFromServer(fs.collection(db, 'c'), {
      n: fs.count(),
      total: fs.sum('x'),
      mean: fs.average('y'),
    });
    expect(snap.data()).toEqual({ n: 3, total: 2.5, mean: null });
    answer = () => [
      { result: { aggregateFields: { aggregate_0: { integerValue: '7' } } }, readTime: READ_TIME },
    ];
    expect((await fs.getCountFromServer(fs.collection(db, 'c'))).data()).toEqual({ count: 7 });
  });

  it('addDoc makes a 20-character id and requires the document not to exist', async () => {
    const ref = await fs.addDoc(fs.collection(db, 'c'), { a: 1 });
    expect(ref.id).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(server.requests[0].body.writes[0]).toEqual({
      update: { name: `${root}/c/${ref.id}`, fields: { a: { integerValue: '1' } } },
      currentDocument: { exists: false },
    });
    expect(fs.doc(fs.collection(db, 'c')).id).not.toBe(ref.id);
  });

  it('refuses to reuse a committed batch', async () => {
    const batch = fs.writeBatch(db);
    batch.set(fs.doc(db, 'c/a'), { a: 1 });
    await batch.commit();
    expect(() => batch.set(fs.doc(db, 'c/b'), {})).toThrow(
      'A write batch can no longer be used after commit() has been called.',
    );
  });

  it('runs a transaction as Firebase does: plain reads, writes guarded by the versions read', async () => {
    answer = (request) =>
      request.method === 'batchGet' && request.body.documents[0].endsWith('/c/a')
        ? [
            {
              found: { name: `${root}/c/a`, fields: {}, updateTime: '2020-01-02T03:04:05.123456Z' },
              readTime: READ_TIME,
            },
          ]
        : defaultAnswer(request);
    const result = await fs.runTransaction(db, async (tx) => {
      const a = await tx.get(fs.doc(db, 'c/a'));
      await tx.get(fs.doc(db, 'c/missing'));
      await tx.get(fs.doc(db, 'c/read-only'));
      tx.set(fs.doc(db, 'c/a'), { n: a.exists() ? 1 : 0 });
      tx.update(fs.doc(db, 'c/a'), { m: 1 });
      tx.delete(fs.doc(db, 'c/missing'));
      tx.update(fs.doc(db, 'c/unread'), { u: 1 });
      return 'done';
    });
    expect(result).toBe('done');
    expect(server.requests.map((r) => r.method)).toEqual(['batchGet', 'batchGet', 'batchGet', 'commit']);
    expect(server.requests[0].body.transaction).toBeUndefined();
    expect(server.requests[3].body).toEqual({
      database: 'projects/p/databases/(default)',
      writes: [
        {
          update: { name: `${root}/c/a`, fields: { n: { integerValue: '1' } } },
          currentDocument: { updateTime: '2020-01-02T03:04:05.123456Z' },
        },
        {
          update: { name: `${root}/c/a`, fields: { m: { integerValue: '1' } } },
          updateMask: { fieldPaths: ['m'] },
          currentDocument: { exists: true },
        },
        { delete: `${root}/c/missing`, currentDocument: { exists: false } },
        {
          update: { name: `${root}/c/unread`, fields: { u: { integerValue: '1' } } },
          updateMask: { fieldPaths: ['u'] },
          currentDocument: { exists: true },
        },
        { verify: `${root}/c/read-only`, currentDocument: { exists: false } },
      ],
    });
  });

  it('retries a transaction on ABORTED up to maxAttempts, then gives the last error', async () => {
    answer = (request) =>
      request.method === 'commit'
        ? { error: { code: 10, status: 'ABORTED', message: 'Transaction lock timeout' } }
        : defaultAnswer(request);
    let runs = 0;
    const error = await fs
      .runTransaction(
        db,
        async (tx) => {
          runs++;
          tx.set(fs.doc(db, 'c/a'), { x: runs });
        },
        { maxAttempts: 3 },
      )
      .catch((e) => e);
    expect(runs).toBe(3);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'aborted',
      message: 'Transaction lock timeout',
    });
  });

  it('does not retry errors that are not Firestore errors', async () => {
    let runs = 0;
    const error = await fs
      .runTransaction(db, async () => {
        runs++;
        throw new Error('mine');
      })
      .catch((e) => e);
    expect(runs).toBe(1);
    expect(error.message).toBe('mine');
    expect(server.requests).toEqual([]);
  });

  it('requires reads before writes in a transaction', async () => {
    const error = await fs
      .runTransaction(db, async (tx) => {
        tx.set(fs.doc(db, 'c/a'), {});
        await tx.get(fs.doc(db, 'c/a'));
      })
      .catch((e) => e);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'invalid-argument',
      message: 'Firestore transactions require all reads to be executed before all writes.',
    });
  });

  it('refuses to update a document the transaction read as missing', async () => {
    const error = await fs
      .runTransaction(db, async (tx) => {
        await tx.get(fs.doc(db, 'c/gone'));
        tx.update(fs.doc(db, 'c/gone'), { a: 1 });
      })
      .catch((e) => e);
    expect({ code: error.code, message: error.message }).toEqual({
      code: 'invalid-argument',
      message: "Can't update a document that doesn't exist.",
    });
  });
});

describe('apps and instances', () => {
  it('keeps one Firestore per app and database, and a new one after terminate', async () => {
    const a = fs.initializeApp({ projectId: 'pa' }, 'apps-a');
    const b = fs.initializeApp({ projectId: 'pb' }, 'apps-b');
    expect(fs.getApp('apps-a')).toBe(a);
    expect(fs.initializeApp({ projectId: 'pa' }, 'apps-a')).toBe(a);
    expect(() => fs.initializeApp({ projectId: 'other' }, 'apps-a')).toThrow(
      "Firebase: Firebase App named 'apps-a' already exists with different options or config (app/duplicate-app).",
    );
    expect(() => fs.getApp('nope')).toThrow(
      "Firebase: No Firebase App 'nope' has been created - call initializeApp() first (app/no-app).",
    );
    const dbA = fs.getFirestore(a);
    expect(fs.getFirestore(a)).toBe(dbA);
    expect(fs.getFirestore(b)).not.toBe(dbA);
    expect(fs.getFirestore(a, 'second')._databaseId).toEqual({ projectId: 'pa', database: 'second' });
    expect(dbA.app).toBe(a);
    await fs.terminate(dbA);
    expect(() => fs.getDoc(fs.doc(dbA, 'c/d'))).toThrow('The client has already been terminated.');
    expect(fs.getFirestore(a)).not.toBe(dbA);
  });

  it('accepts an app object from firebase/app (anything with name and options.projectId)', () => {
    const foreign = {
      name: '[DEFAULT]',
      options: { projectId: 'foreign' },
      automaticDataCollectionEnabled: false,
    };
    const db = fs.getFirestore(foreign);
    expect(db._databaseId).toEqual({ projectId: 'foreign', database: '(default)' });
    expect(fs.getFirestore(foreign)).toBe(db);
  });

  it('initializeFirestore refuses different settings for an existing instance', () => {
    const app = fs.initializeApp({ projectId: 'p' }, 'apps-init');
    const db = fs.initializeFirestore(app, { ignoreUndefinedProperties: true });
    expect(fs.initializeFirestore(app, { ignoreUndefinedProperties: true })).toBe(db);
    expect(() => fs.initializeFirestore(app, {})).toThrow(
      'initializeFirestore() has already been called with different options.',
    );
  });

  it('compares references and queries', () => {
    const db = fs.getFirestore(fs.initializeApp({ projectId: 'p' }, 'apps-eq'));
    expect(fs.refEqual(fs.doc(db, 'c/d'), fs.doc(fs.collection(db, 'c'), 'd'))).toBe(true);
    expect(fs.refEqual(fs.doc(db, 'c/d'), fs.doc(db, 'c/e'))).toBe(false);
    const q = (v: number) => fs.query(fs.collection(db, 'c'), fs.where('a', '==', v), fs.orderBy('b'));
    expect(fs.queryEqual(q(1), q(1))).toBe(true);
    expect(fs.queryEqual(q(1), q(2))).toBe(false);
    expect(fs.queryEqual(fs.collection(db, 'c'), fs.query(fs.collection(db, 'c')))).toBe(true);
  });

  it('exposes reference paths and parents', () => {
    const db = fs.getFirestore(fs.initializeApp({ projectId: 'p' }, 'apps-paths'));
    const ref = fs.doc(db, '/a/b/c/d/');
    expect([ref.id, ref.path, ref.parent.path, ref.parent.parent?.path]).toEqual([
      'd',
      'a/b/c/d',
      'a/b/c',
      'a/b',
    ]);
    expect(fs.collection(db, 'a').parent).toBeNull();
    expect(fs.collection(ref, 'e').path).toBe('a/b/c/d/e');
    expect([ref.type, ref.parent.type, fs.collectionGroup(db, 'g').type]).toEqual([
      'document',
      'collection',
      'query',
    ]);
  });
});

describe('value classes', () => {
  it('Timestamp converts and compares like Firebase', () => {
    const t = fs.Timestamp.fromMillis(1500.25);
    expect([t.seconds, t.nanoseconds]).toEqual([1, 500250000]);
    expect(t.toMillis()).toBe(1500.25);
    expect(fs.Timestamp.fromDate(new Date(-1)).nanoseconds).toBe(999000000);
    expect(new fs.Timestamp(1, 2) > new fs.Timestamp(1, 1)).toBe(true);
    expect(new fs.Timestamp(1, 2).isEqual(new fs.Timestamp(1, 2))).toBe(true);
    expect(String(new fs.Timestamp(1, 2))).toBe('Timestamp(seconds=1, nanoseconds=2)');
  });

  it('Bytes round-trips base64 and arrays', () => {
    const b = fs.Bytes.fromBase64String('AQL6');
    expect([...b.toUint8Array()]).toEqual([1, 2, 250]);
    expect(fs.Bytes.fromUint8Array(new Uint8Array([1, 2, 250])).isEqual(b)).toBe(true);
    expect(b.toString()).toBe('Bytes(base64: AQL6)');
    // Node's Buffer decoding, which Firebase uses there: skip what is not base64, stop at '='.
    const lenient = (s: string) => [...fs.Bytes.fromBase64String(s).toUint8Array()];
    expect(lenient('not base64!')).toEqual([158, 139, 91, 106, 199, 186]);
    expect(lenient('aG k=')).toEqual([104, 105]);
    expect(lenient('YQ==YQ')).toEqual([97]);
    expect(lenient('a')).toEqual([]);
    expect(lenient('a-_b')).toEqual([107, 239, 219]);
  });

  it('FieldValue sentinels compare by kind and operand', () => {
    expect(fs.increment(1).isEqual(fs.increment(1))).toBe(true);
    expect(fs.increment(1).isEqual(fs.increment(2))).toBe(false);
    expect(fs.serverTimestamp().isEqual(fs.serverTimestamp())).toBe(true);
    expect(fs.arrayUnion(1, 'a').isEqual(fs.arrayUnion(1, 'a'))).toBe(true);
    expect(fs.deleteField().isEqual(fs.serverTimestamp())).toBe(false);
  });

  it('FirestoreError has Firebase shape', () => {
    const e = new fs.FirestoreError('not-found', 'gone');
    expect([e.name, e.code, e.message, String(e)]).toEqual([
      'FirebaseError',
      'not-found',
      'gone',
      'FirebaseError: [code=not-found]: gone',
    ]);
    expect(e).toBeInstanceOf(Error);
  });
});

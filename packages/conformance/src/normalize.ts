/**
 * Turns what a scenario returns into typed JSON that is comparable across legs.
 *
 * Values the SDK surfaces as class instances become tagged objects ({ $timestamp }, { $bytes }, { $ref },
 * { $geopoint }); numbers JSON cannot carry become { $double: 'NaN' | 'Infinity' | '-Infinity' | '-0' }.
 * Values read raw from a server's REST API (see `normalizeStoredValue`) additionally keep int vs double
 * ({ $int: '1' }, { $double: 1.5 }), which the SDK's `data()` cannot show.
 * Every occurrence of the leg's collection prefix is replaced by `~`, so paths agree across legs.
 */
import type * as lite from 'firebase/firestore/lite';

export type Api = typeof lite;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const PREFIX_PLACEHOLDER = '~';

export class Normalizer {
  constructor(
    private readonly fs: Api,
    private readonly prefix: string,
  ) {}

  text(s: string): string {
    return s.replaceAll(this.prefix, PREFIX_PLACEHOLDER);
  }

  value(x: unknown): Json {
    const fs = this.fs;
    if (x === null) return null;
    if (x === undefined) return { $undefined: true };
    if (typeof x === 'boolean') return x;
    if (typeof x === 'number') return number(x);
    if (typeof x === 'string') return this.text(x);
    if (Array.isArray(x)) return x.map((item) => this.value(item));
    if (typeof x !== 'object') throw new Error(`cannot normalize a ${typeof x}`);
    if (x instanceof fs.Timestamp) return { $timestamp: timestampText(x.seconds, x.nanoseconds) };
    if (x instanceof fs.GeoPoint) return { $geopoint: [x.latitude, x.longitude] };
    if (x instanceof fs.Bytes) return { $bytes: x.toBase64() };
    if (x instanceof fs.DocumentReference) return { $ref: this.text(x.path) };
    if (x instanceof fs.CollectionReference) return { $collection: this.text(x.path) };
    if (x instanceof fs.QuerySnapshot) {
      return { size: x.size, empty: x.empty, docs: x.docs.map((d) => this.snapshot(d)) };
    }
    if (x instanceof fs.DocumentSnapshot) return this.snapshot(x);
    if (x instanceof fs.AggregateQuerySnapshot || isAggregateSnapshot(x)) {
      return { $aggregate: this.value(x.data()) };
    }
    const proto = Object.getPrototypeOf(x);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`cannot normalize an instance of ${proto?.constructor?.name ?? 'unknown class'}`);
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [this.text(k), this.value(v)]));
  }

  snapshot(s: lite.DocumentSnapshot): Json {
    const exists = s.exists();
    return { path: this.text(s.ref.path), exists, data: exists ? this.value(s.data()) : null };
  }

  /** A Firestore v1 `Value` in proto3 JSON form, as a REST backend returned it. */
  storedValue(v: Record<string, unknown>): Json {
    if ('nullValue' in v) return null;
    if ('booleanValue' in v) return v.booleanValue as boolean;
    if ('integerValue' in v) return { $int: String(v.integerValue) };
    if ('doubleValue' in v) return { $double: restDouble(v.doubleValue) };
    if ('timestampValue' in v) return { $timestamp: parseRfc3339(String(v.timestampValue)) };
    if ('stringValue' in v) return this.text(String(v.stringValue));
    if ('bytesValue' in v) return { $bytes: String(v.bytesValue) };
    if ('referenceValue' in v) return { $ref: this.text(documentPathOf(String(v.referenceValue))) };
    if ('geoPointValue' in v) {
      const g = v.geoPointValue as { latitude?: number; longitude?: number };
      return { $geopoint: [g.latitude ?? 0, g.longitude ?? 0] };
    }
    if ('arrayValue' in v) {
      const values = ((v.arrayValue as { values?: Record<string, unknown>[] }).values ?? []) as Record<
        string,
        unknown
      >[];
      return values.map((item) => this.storedValue(item));
    }
    if ('mapValue' in v) return this.storedFields((v.mapValue as { fields?: Record<string, never> }).fields);
    throw new Error(`unknown value type in ${JSON.stringify(v)}`);
  }

  /** A whole REST answer: `fields` typed as stored, times and tokens masked, names prefix-free. */
  restBody(x: unknown): Json {
    if (Array.isArray(x)) return x.map((item) => this.restBody(item));
    if (typeof x === 'string') return this.text(x);
    if (typeof x !== 'object' || x === null) return x as Json;
    const entries = Object.entries(x).map(([k, v]): [string, Json] => {
      if (VOLATILE_REST_FIELDS.has(k)) return [k, '<volatile>'];
      if (k === 'fields') return [k, this.storedFields(v as Record<string, Record<string, unknown>>)];
      if (k === 'transformResults' || k === 'values') {
        return [k, (v as Record<string, unknown>[]).map((value) => this.storedValue(value))];
      }
      if (k === 'aggregateFields') {
        return [k, this.storedFields(v as Record<string, Record<string, unknown>>)];
      }
      return [k, this.restBody(v)];
    });
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  storedFields(fields: Record<string, Record<string, unknown>> | undefined): Json {
    const entries = Object.entries(fields ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [this.text(k), this.storedValue(v)]));
  }
}

/** Fields of REST answers that differ by run or server: times, opaque tokens. Their presence is kept. */
const VOLATILE_REST_FIELDS = new Set([
  'readTime',
  'createTime',
  'updateTime',
  'commitTime',
  'transaction',
  'nextPageToken',
]);

function number(n: number): Json {
  if (Number.isNaN(n)) return { $double: 'NaN' };
  if (n === Number.POSITIVE_INFINITY) return { $double: 'Infinity' };
  if (n === Number.NEGATIVE_INFINITY) return { $double: '-Infinity' };
  if (Object.is(n, -0)) return { $double: '-0' };
  return n;
}

function restDouble(d: unknown): Json {
  if (typeof d === 'string') return d; // proto3 JSON spells NaN and the infinities as strings
  return number(Number(d));
}

function isAggregateSnapshot(x: object): x is { data(): unknown } {
  return typeof (x as { data?: unknown }).data === 'function' && !('exists' in x) && !('ref' in x);
}

export function timestampText(seconds: number, nanos: number): string {
  return `${seconds}.${String(nanos).padStart(9, '0')}`;
}

/** '2020-01-02T03:04:05.123456Z' → '1577934245.123456000' (nanosecond-exact, unlike Date). */
export function parseRfc3339(s: string): string {
  const match = /^(.*?)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!match) throw new Error(`not an RFC 3339 timestamp: ${s}`);
  const millis = Date.parse(`${match[1]}${match[3]}`);
  return timestampText(Math.floor(millis / 1000), Number((match[2] ?? '').padEnd(9, '0')));
}

/** 'projects/p/databases/d/documents/a/b' → 'a/b'. */
export function documentPathOf(name: string): string {
  const marker = '/documents/';
  const at = name.indexOf(marker);
  return at < 0 ? name : name.slice(at + marker.length);
}

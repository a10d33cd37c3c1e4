import { type Matcher, RE2JS } from 're2js';
import { RulesEvaluationError } from '../value.js';

// Rules usually test a handful of constant patterns again and again; compiling is the costly part.
const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 256;

/** Compiles an RE2 pattern (the syntax `string.matches` and friends take), cached. */
function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      throw new RulesEvaluationError(`Invalid regular expression pattern. Pattern: ${pattern}.`);
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, re);
  }
  return re;
}

/**
 * Visits the successive matches in `s`. After an empty match the search resumes one UTF-16 unit further, so,
 * as on the official emulator, an empty pattern also matches between the two halves of a surrogate pair.
 */
function forEachMatch(re: RE2JS, s: string, visit: (matcher: Matcher) => void): void {
  const matcher = re.matcher(s);
  let from = 0;
  while (from <= s.length && matcher.find(from)) {
    visit(matcher);
    from = matcher.end() === matcher.start() ? matcher.end() + 1 : matcher.end();
  }
}

/** Whether the whole of `s` matches. */
export function matchesWhole(s: string, pattern: string): boolean {
  return compileRegex(pattern).matches(s);
}

/**
 * Replaces every match. In `replacement`, `$n` and `${name}` insert a group and `\c` inserts `c`; a `$`
 * followed by anything else is kept as is (the official emulator's behaviour).
 */
export function replaceAll(s: string, pattern: string, replacement: string): string {
  const re = compileRegex(pattern);
  const groups = re.groupCount();
  const named = re.namedGroups();
  let out = '';
  let last = 0;
  forEachMatch(re, s, (matcher) => {
    out += s.slice(last, matcher.start());
    out += expand(replacement, groups, named, (g) => matcher.group(g) ?? '');
    last = matcher.end();
  });
  return out + s.slice(last);
}

function expand(
  replacement: string,
  groups: number,
  named: Record<string, number>,
  group: (g: number | string) => string,
): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i];
    if (c === '\\' && i + 1 < replacement.length) {
      out += replacement[++i];
    } else if (c === '$' && /[0-9]/.test(replacement[i + 1] ?? '')) {
      // Like Java: take further digits only while they still name an existing group.
      let n = Number(replacement[++i]);
      if (n > groups) throw new RulesEvaluationError(`No group ${n} in the regular expression.`);
      while (/[0-9]/.test(replacement[i + 1] ?? '') && n * 10 + Number(replacement[i + 1]) <= groups) {
        n = n * 10 + Number(replacement[++i]);
      }
      out += group(n);
    } else if (c === '$' && replacement[i + 1] === '{') {
      const close = replacement.indexOf('}', i);
      const name = close < 0 ? '' : replacement.slice(i + 2, close);
      if (!(name in named))
        throw new RulesEvaluationError(`No group named ${name} in the regular expression.`);
      out += group(name);
      i = close;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Splits around every match (empty matches too), then drops trailing empty strings, keeping at least one
 * item: `'a,b,,'` → `['a', 'b']`, `','` → `['']`, `'abc'.split('')` → `['', 'a', 'b', 'c']`.
 */
export function splitAll(s: string, pattern: string): string[] {
  const pieces: string[] = [];
  let last = 0;
  forEachMatch(compileRegex(pattern), s, (matcher) => {
    pieces.push(s.slice(last, matcher.start()));
    last = matcher.end();
  });
  pieces.push(s.slice(last));
  while (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
}

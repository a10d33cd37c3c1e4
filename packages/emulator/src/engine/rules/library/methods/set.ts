import type { RulesSet, RulesValue } from '../../value.js';
import { setOf } from '../construct.js';
import { setMembership } from '../equality.js';
import { fn, type MethodTable } from '../signature.js';

const itemsOf = (v: RulesValue) => (v as { items: RulesValue[] }).items;
const membersOf = (v: RulesValue) => setMembership(itemsOf(v));

// The has* methods take a list or a set; the set algebra takes sets only (as the official emulator).
const listOrSet = [['list'], ['set']] as const;

export const setMethods: MethodTable<RulesSet> = {
  difference: fn(['set'], (s, [other]) => {
    const excluded = membersOf(other);
    return setOf(s.items.filter((x) => !excluded.has(x)));
  }),
  hasAll: {
    overloads: listOrSet,
    run: (s, [other]) => {
      const members = membersOf(s);
      return itemsOf(other).every((x) => members.has(x));
    },
  },
  hasAny: {
    overloads: listOrSet,
    run: (s, [other]) => {
      const members = membersOf(s);
      return itemsOf(other).some((x) => members.has(x));
    },
  },
  hasOnly: {
    overloads: listOrSet,
    run: (s, [other]) => {
      const allowed = membersOf(other);
      return s.items.every((x) => allowed.has(x));
    },
  },
  intersection: fn(['set'], (s, [other]) => {
    const kept = membersOf(other);
    return setOf(s.items.filter((x) => kept.has(x)));
  }),
  size: fn([], (s) => BigInt(s.items.length)),
  union: fn(['set'], (s, [other]) => setOf([...s.items, ...itemsOf(other)])),
};

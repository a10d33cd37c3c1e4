import type { RulesList, RulesValue } from '../../value.js';
import { listOf, setOf } from '../construct.js';
import { listMembership } from '../equality.js';
import { toRulesString } from '../format.js';
import { fn, type MethodTable } from '../signature.js';

// List membership uses same-type equality: [1, 2].hasAny([1.0]) is false, as on the official emulator.
const itemsOf = (v: RulesValue) => (v as RulesList).items;
const membersOf = (v: RulesValue) => listMembership(itemsOf(v));

export const listMethods: MethodTable<RulesList> = {
  concat: fn(['list'], (l, [other]) => listOf([...l.items, ...itemsOf(other)])),
  hasAll: fn(['list'], (l, [other]) => {
    const members = membersOf(l);
    return itemsOf(other).every((x) => members.has(x));
  }),
  hasAny: fn(['list'], (l, [other]) => {
    const members = membersOf(l);
    return itemsOf(other).some((x) => members.has(x));
  }),
  hasOnly: fn(['list'], (l, [other]) => {
    const allowed = membersOf(other);
    return l.items.every((x) => allowed.has(x));
  }),
  join: fn(['string'], (l, [separator]) => l.items.map(toRulesString).join(separator as string)),
  removeAll: fn(['list'], (l, [other]) => {
    const removed = membersOf(other);
    return listOf(l.items.filter((x) => !removed.has(x)));
  }),
  size: fn([], (l) => BigInt(l.items.length)),
  toSet: fn([], (l) => setOf(l.items)),
};

import type { RulesMap, RulesPath, RulesValue } from '../../value.js';
import { RulesEvaluationError } from '../../value.js';
import { pathOf } from '../construct.js';
import { typeError } from '../errors.js';
import { toRulesString } from '../format.js';
import { templateVariable } from '../path-template.js';
import { fn, type MethodTable } from '../signature.js';
import { typeOf } from '../types.js';

/** `path('/users/{uid}').bind({'uid': 'a'})`: fills the template's variables; each key must be one of them. */
function bind(template: RulesPath, bindings: RulesMap): RulesPath {
  const used = new Set<string>();
  const segments = template.segments.flatMap((segment) => {
    const variable = templateVariable(segment);
    const value = variable && bindings.entries.get(variable.name);
    if (!variable || value === undefined) return [segment];
    used.add(variable.name);
    if (variable.rest) return restSegments(value);
    const text = toRulesString(value);
    if (text === '') {
      throw new RulesEvaluationError(`Cannot bind empty value to path template variable ${variable.name}.`);
    }
    return [text];
  });
  const unknown = [...bindings.entries.keys()].filter((k) => !used.has(k));
  if (unknown.length > 0) {
    throw new RulesEvaluationError(`Variable(s) ${unknown.join(', ')} do not exist in the path template.`);
  }
  return pathOf(segments);
}

function restSegments(value: RulesValue): string[] {
  if (value !== null && typeof value === 'object' && value.type === 'path') return value.segments;
  throw typeError(typeOf(value), ['path']);
}

export const pathMethods: MethodTable<RulesPath> = {
  bind: fn(['map'], (p, [bindings]) => bind(p, bindings as RulesMap)),
};

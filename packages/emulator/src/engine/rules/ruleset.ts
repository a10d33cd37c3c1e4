/**
 * A compiled rules file: finds the `allow` statements whose `match` paths cover an access and evaluates them.
 * Several allows OR together; an allow whose condition errors (or, for a query, cannot be proven) denies only
 * itself. Denials list why each candidate failed, in the official emulator's words (`false for 'get' @ L5`).
 */
import type { MatchBlock, MatchSegment, RuleMethod, RulesFile, ServiceBlock } from './ast.js';
import { Evaluator, type EvalValue, isSymbolic, Scope, type Symbolic, Unknown } from './evaluator.js';
import type {
  AccessRequest,
  Decision,
  DocumentReader,
  LookupBudget,
  QueryAccessRequest,
  Ruleset,
} from './index.js';
import { documentLookups } from './lookups.js';
import { queryCases } from './query-prover.js';
import { requestValue, rulesPath, splitName } from './request.js';
import { readsRequestTime } from './time-dependence.js';
import { RulesEvaluationError, type RulesValue } from './value.js';
import { documentToResource, typeOf } from './values.js';

/** What production Firestore answers to every denial; the details follow on the next line. */
export const PERMISSION_DENIED = 'Missing or insufficient permissions.';

/**
 * One segment of the path an access is checked at. A query leaves some open: the id of the documents it
 * returns (`id`, a symbol unless a `__name__` filter pins it) and, for a collection group, any run of segments
 * above the collection (`anyPrefix`), which only a `{x=**}` wildcard covers.
 */
export type PathToken = string | { kind: 'id'; value: Symbolic } | { kind: 'anyPrefix' };

/** The methods a request performs; `read` and `write` in rules stand for several. */
export type AccessMethod = 'get' | 'list' | 'create' | 'update' | 'delete';

const GROUPS: Record<AccessMethod, RuleMethod> = {
  get: 'read',
  list: 'read',
  create: 'write',
  update: 'write',
  delete: 'write',
};

const covers = (methods: RuleMethod[], method: AccessMethod) =>
  methods.includes(method) || methods.includes(GROUPS[method]);

/** What a wildcard binds: a string for `{x}`, a path for `{x=**}`; open segments make it unknown. */
function binding(tokens: PathToken[], recursive: boolean): EvalValue {
  if (!recursive) {
    const [token] = tokens;
    return typeof token === 'string'
      ? token
      : token.kind === 'id'
        ? token.value
        : new Unknown('Null value error.');
  }
  if (tokens.every((t) => typeof t === 'string')) return { type: 'path', segments: tokens as string[] };
  return new Unknown('Null value error.');
}

/**
 * Every way `pattern` matches a prefix of `tokens`: the wildcard bindings and the tokens left over. `{x=**}`
 * takes zero or more segments in rules version 2, and one or more, up to the end, in version 1.
 */
function* matchPath(
  pattern: MatchSegment[],
  tokens: PathToken[],
  version: '1' | '2',
  at = 0,
  from = 0,
  bound: [string, EvalValue][] = [],
): Generator<{ bound: [string, EvalValue][]; rest: PathToken[] }> {
  if (at === pattern.length) {
    yield { bound, rest: tokens.slice(from) };
    return;
  }
  const segment = pattern[at];
  const token = tokens[from];
  if (segment.kind === 'wildcard') {
    const ends = version === '2' ? tokens.length - from + 1 : 1;
    for (let i = 0; i < ends; i++) {
      const end = version === '2' ? from + i : tokens.length;
      if (version === '1' && end === from) return;
      const value = binding(tokens.slice(from, end), true);
      yield* matchPath(pattern, tokens, version, at + 1, end, [...bound, [segment.name, value]]);
    }
    return;
  }
  if (token === undefined || (typeof token !== 'string' && token.kind === 'anyPrefix')) return;
  if (segment.kind === 'text') {
    if (token === segment.text) yield* matchPath(pattern, tokens, version, at + 1, from + 1, bound);
    return;
  }
  yield* matchPath(pattern, tokens, version, at + 1, from + 1, [
    ...bound,
    [segment.name, binding([token], false)],
  ]);
}

interface Candidate {
  condition: MatchBlock['allows'][number];
  scope: Scope;
}

/** The allow statements for `method` of every match block covering the whole of `tokens`, in source order. */
function candidates(
  blocks: MatchBlock[],
  tokens: PathToken[],
  method: AccessMethod,
  version: '1' | '2',
  scope: Scope,
  out: Candidate[] = [],
): Candidate[] {
  for (const block of blocks) {
    for (const match of matchPath(block.path, tokens, version)) {
      const inner = new Scope(scope, block.functions);
      for (const [name, value] of match.bound) inner.bind(name, value);
      if (match.rest.length === 0) {
        for (const allow of block.allows)
          if (covers(allow.methods, method)) out.push({ condition: allow, scope: inner });
      }
      candidates(block.matches, match.rest, method, version, inner, out);
    }
  }
  return out;
}

/** Why one allow did not grant access, or null when it did. */
function verdict(candidate: Candidate, evaluator: Evaluator): string | null {
  const { condition } = candidate.condition;
  if (condition === null) return null;
  let value: EvalValue;
  try {
    value = evaluator.evaluate(condition, candidate.scope);
  } catch (error) {
    if (error instanceof RulesEvaluationError) return error.message;
    throw error;
  }
  if (value === true) return null;
  if (value === false) return 'false';
  if (isSymbolic(value)) return value.reason;
  return `Type error. Received: [${typeOf(value)}] Expected: [bool].`;
}

/** The globals every rule sees. */
export interface Globals {
  request: RulesValue;
  resource: EvalValue;
}

export class CompiledRuleset implements Ruleset {
  private readonly services: ServiceBlock[];
  readonly readsTime: boolean;

  constructor(
    readonly source: string,
    private readonly file: RulesFile,
  ) {
    this.services = file.services.filter((s) => s.name === 'cloud.firestore');
    this.readsTime = readsRequestTime(file);
  }

  /** Allowed when some allow statement for `method` at `tokens` evaluates to true. */
  decide(method: AccessMethod, tokens: PathToken[], globals: Globals, evaluator: Evaluator): Decision {
    const root = new Scope(null).bind('request', globals.request).bind('resource', globals.resource);
    const reasons: string[] = [];
    for (const service of this.services) {
      const scope = new Scope(root, service.functions);
      for (const candidate of candidates(service.matches, tokens, method, this.file.version, scope)) {
        const reason = verdict(candidate, evaluator);
        if (reason === null) return { allowed: true };
        reasons.push(`${reason} for '${method}' @ L${candidate.condition.pos.line}`);
      }
    }
    const details = reasons.length === 0 ? 'No matching allow statements' : reasons.join(', ');
    return { allowed: false, message: `${PERMISSION_DENIED}\n${details}` };
  }

  authorize(request: AccessRequest, reads: DocumentReader, budget: LookupBudget): Decision {
    const { projectId, databaseId, path } = splitName(request.path);
    const requestResource = request.requestResource && documentToResource(request.requestResource);
    const globals: Globals = {
      request: requestValue({
        auth: request.auth,
        method: request.method,
        path: rulesPath(databaseId, path),
        time: request.time,
        resource: requestResource,
      }),
      resource: request.resource ? documentToResource(request.resource) : null,
    };
    const evaluator = new Evaluator(documentLookups(projectId, reads, budget, request.path));
    return this.decide(request.method, rulesPath(databaseId, path).segments, globals, evaluator);
  }

  /** Allowed when the list rules hold in every case the query prover splits the query into. */
  authorizeQuery(request: QueryAccessRequest, reads: DocumentReader, budget: LookupBudget): Decision {
    const { projectId } = splitName(request.parent);
    const evaluator = new Evaluator(documentLookups(projectId, reads, budget));
    for (const queryCase of queryCases(request, reads)) {
      const decision = this.decide('list', queryCase.tokens, queryCase.globals, evaluator);
      if (!decision.allowed) return decision;
    }
    return { allowed: true };
  }
}

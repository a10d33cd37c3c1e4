import type { RulesFile } from './ast.js';

/** The properties of `request` that stay the same for as long as a listener's caller and query do. */
const TIMELESS = new Set(['auth', 'method', 'path', 'query', 'resource']);

type Visited = { kind?: unknown; name?: unknown; object?: unknown } & Record<string, unknown>;

/**
 * Whether a decision under `file` may depend on `request.time`, so that the same check can change its answer
 * while no document changes. Over-approximated from the syntax: any use of `request` other than reading one
 * of its timeless properties counts (passing it to a function, comparing it, indexing it, `request.time`).
 */
export function readsRequestTime(file: RulesFile): boolean {
  const visit = (node: unknown, parent: Visited | null): boolean => {
    if (Array.isArray(node)) return node.some((item) => visit(item, parent));
    if (typeof node !== 'object' || node === null) return false;
    const n = node as Visited;
    if (n.kind === 'identifier' && n.name === 'request') {
      const timeless =
        parent?.kind === 'member' && parent.object === n && TIMELESS.has(parent.name as string);
      return !timeless;
    }
    return Object.entries(n).some(([key, value]) => key !== 'pos' && visit(value, n));
  };
  return visit(file, null);
}

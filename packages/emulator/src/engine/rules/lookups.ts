/**
 * `get`, `exists`, `getAfter`, `existsAfter`: rules reading other documents. Each distinct document read
 * counts once against the request's budget (10, or 20 across a batch or transaction), as in Firestore; a
 * lookup past the budget fails.
 *
 * `get` of a missing document fails, as in the official emulator, except for documents the request itself
 * concerns, whose absence is a state rather than a failed read: `get`/`getAfter` of the request's own
 * document, and `getAfter` of any document its batch or transaction writes (deleted: `null`).
 */
import type { Lookups } from './evaluator.js';
import type { DocumentReader, LookupBudget } from './index.js';
import { RulesEvaluationError, type RulesPath } from './value.js';
import { documentToResource } from './values.js';

/** `/databases/d/documents/c/id…` → `projects/{project}/databases/d/documents/c/id…`, or undefined if not a document. */
export function documentNameOf(path: RulesPath, projectId: string): string | undefined {
  const [databases, database, documents, ...rest] = path.segments;
  if (databases !== 'databases' || database === undefined || documents !== 'documents') return undefined;
  if (rest.length === 0 || rest.length % 2 !== 0 || rest.some((id) => id === '')) return undefined;
  return `projects/${projectId}/databases/${database}/documents/${rest.join('/')}`;
}

const display = (path: RulesPath) => `/${path.segments.join('/')}`;

function serviceCallError(call: string, path: RulesPath, why: string): RulesEvaluationError {
  return new RulesEvaluationError(
    `Service call error. Function: [${call}], Argument: [${display(path)}]. ${why}`,
  );
}

/** Lookups for a request on `target` (a full document name; none for a query). */
export function documentLookups(
  projectId: string,
  reads: DocumentReader,
  budget: LookupBudget,
  target?: string,
): Lookups {
  const read = (path: RulesPath, after: boolean, call: string) => {
    const name = documentNameOf(path, projectId);
    if (name === undefined) throw serviceCallError(call, path, 'The path is not a document path.');
    if (!budget.seen.has(name)) {
      if (budget.seen.size >= budget.limit) {
        throw serviceCallError(call, path, `Exceeded the limit of ${budget.limit} document lookups.`);
      }
      budget.seen.add(name);
    }
    return { name, doc: after ? reads.after(name) : reads.before(name) };
  };
  const concerned = (name: string, after: boolean) =>
    name === target || (after && reads.writes?.(name) === true);
  return {
    get(path, after, call) {
      const { name, doc } = read(path, after, call);
      if (doc) return documentToResource(doc);
      if (concerned(name, after)) return null;
      throw serviceCallError(call, path, 'The document does not exist.');
    },
    exists: (path, after, call) => read(path, after, call).doc !== null,
  };
}

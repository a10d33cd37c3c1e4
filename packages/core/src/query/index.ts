export {
  aggregationAliases,
  aggregationQuery,
  MAX_AGGREGATIONS,
  runAggregations,
  validateAggregations,
} from './aggregate.js';
export { type CompiledQuery, compileQuery, executeQuery, matchesQuery } from './execute.js';
export { KEY_FIELD } from './field-path.js';
export { firstInOrder } from './first-in-order.js';
export { compileFilter, type DocumentPredicate, matchesFilters } from './match.js';
export { inequalityFields, normalizeOrderBy } from './normalize.js';
export { limitOf, offsetOf } from './paging.js';
export { project } from './project.js';
export { inScope } from './scope.js';
export { QUERY_LIMITS, validateQuery } from './validate.js';

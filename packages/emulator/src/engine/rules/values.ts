/**
 * The rules value library: converting Firestore documents into rules values, and every operator, method and
 * namespace function of the rules language over them. Pure and isomorphic (no Node APIs). Errors are
 * RulesEvaluationErrors worded like the official emulator's.
 */
export { index, member, slice } from './library/access.js';
export { listOf, mapOf, pathOf, setOf } from './library/construct.js';
export { documentToResource, fromFirestoreValue, pathFromName } from './library/convert.js';
export { compare, equals } from './library/equality.js';
export { interpolatedSegments } from './library/format.js';
export { callGlobal, NAMESPACES } from './library/functions.js';
export { callMethod } from './library/methods/index.js';
export { binary, truthy, unary } from './library/operators.js';
export { isType, typeOf, type ValueType } from './library/types.js';

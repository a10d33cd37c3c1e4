import type { Scenario } from '../scenario.js';
import { aggregationScenarios } from './aggregations.js';
import { compositeScenarios } from './composite.js';
import { cursorScenarios } from './cursors.js';
import { groupScenarios } from './groups.js';
import { invalidScenarios } from './invalid.js';
import { operatorScenarios } from './operators.js';
import { orderingScenarios } from './ordering.js';
import { referenceScenarios } from './references.js';
import { restAnswerScenarios, restFlowScenarios, restScenarios } from './rest.js';
import { transactionScenarios } from './transactions.js';
import { valueScenarios } from './values.js';
import { writeScenarios } from './writes.js';

export const scenarioGroups: Record<string, Scenario[]> = {
  values: valueScenarios,
  ordering: orderingScenarios,
  operators: operatorScenarios,
  composite: compositeScenarios,
  'orderBy, cursors and limits': cursorScenarios,
  'collection groups and documentId': groupScenarios,
  aggregations: aggregationScenarios,
  writes: writeScenarios,
  'transactions and batches': transactionScenarios,
  'references, snapshots and converters': referenceScenarios,
  'invalid input': invalidScenarios,
  'raw REST': restScenarios,
  'raw REST answers': restAnswerScenarios,
  'raw REST flows': restFlowScenarios,
};

import type { RulesGroup } from '../scenario.js';
import { auth } from './auth.js';
import { edges } from './edges.js';
import { expressions } from './expressions.js';
import { functions } from './functions.js';
import { lookups } from './lookups.js';
import { matching } from './matching.js';
import { prover } from './prover.js';
import { queries } from './queries.js';
import { version1, version2 } from './versions.js';
import { writes } from './writes.js';

export const rulesGroups: RulesGroup[] = [
  auth,
  matching,
  version1,
  version2,
  functions,
  expressions,
  writes,
  lookups,
  queries,
  prover,
  edges,
];

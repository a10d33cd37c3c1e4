/**
 * Recursive wildcards differ between rules versions: in version 2 `{rest=**}` also matches zero segments;
 * in version 1 (no `rules_version`) it needs at least one.
 */
import type { RulesGroup, RulesScenario } from '../scenario.js';
import { user } from '../scenario.js';

const body = `service cloud.firestore {
  match /databases/{database}/documents {
    match /cities/{city}/{rest=**} {
      allow get: if city.size() > 1;
    }
  }
}
`;

const read = (path: string, expected: RulesScenario['expected']): RulesScenario => ({
  name: `get ${path}`,
  caller: user('alice'),
  op: (fs, db) => fs.getDoc(fs.doc(db, path)),
  expected,
});

export const version1: RulesGroup = {
  name: 'rules version 1',
  rules: body,
  scenarios: [read('cities/SF', 'denied'), read('cities/SF/landmarks/bridge', 'allowed')],
};

export const version2: RulesGroup = {
  name: 'rules version 2',
  rules: `rules_version = '2';\n${body}`,
  scenarios: [read('cities/SF', 'allowed'), read('cities/SF/landmarks/bridge', 'allowed')],
};

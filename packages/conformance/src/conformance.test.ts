import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Legs, startLegs } from './legs.js';
import type { Json } from './normalize.js';
import { runScenario } from './scenario.js';
import { scenarioGroups } from './scenarios/index.js';

// One file runs every scenario so that one official emulator and one Kindling emulator serve them all.
let running: Legs;

beforeAll(async () => {
  running = await startLegs();
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

for (const [topic, scenarios] of Object.entries(scenarioGroups)) {
  describe(topic, () => {
    for (const scenario of scenarios) {
      it(scenario.name, async () => {
        const { legs } = running;
        const results = await Promise.all(legs.map((leg) => runScenario(scenario, leg)));
        const byLeg: Record<string, Json> = Object.fromEntries(legs.map((leg, i) => [leg.name, results[i]]));
        // The first leg is the oracle (the official emulator whenever its jar exists).
        const expected = Object.fromEntries(legs.map((leg) => [leg.name, results[0]]));
        if (process.env.CONFORMANCE_PRINT) console.log(scenario.name, JSON.stringify(byLeg, null, 1));
        expect(byLeg).toEqual(expected);
      });
    }
  });
}

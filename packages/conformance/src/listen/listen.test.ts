import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../normalize.js';
import { type ListenLegs, runListenScenario, startListenLegs } from './harness.js';
import { listenScenarios } from './scenarios.js';

// One official emulator and one Kindling emulator serve every scenario; legs of a scenario run concurrently.
let running: ListenLegs;

beforeAll(async () => {
  running = await startListenLegs();
}, 60_000);

afterAll(async () => {
  await running?.stop();
});

describe('listeners', () => {
  for (const scenario of listenScenarios) {
    // A scenario Kindling is known to fail stays in the run as an expected failure naming the bug: it turns
    // red the day the bug is fixed, and its `kindlingBug` entry is then removed.
    const known = scenario.kindlingBug !== undefined;
    const test = known ? it.fails : it;
    const title = known ? `${scenario.name} [known Kindling bug: ${scenario.kindlingBug}]` : scenario.name;
    test(title, async () => {
      const { legs } = running;
      const results = await Promise.all(legs.map((leg) => runListenScenario(scenario, leg)));
      const byLeg: Record<string, Json> = Object.fromEntries(legs.map((leg, i) => [leg.name, results[i]]));
      // The first leg is the oracle (the official emulator whenever its jar exists).
      const expected = Object.fromEntries(legs.map((leg) => [leg.name, results[0]]));
      if (process.env.CONFORMANCE_PRINT) console.log(scenario.name, JSON.stringify(byLeg));
      // The oracle itself must have heard something on every listener, or the comparison proves little.
      const oracle = results[0] as { listeners: Record<string, Json[]> } | undefined;
      for (const [name, snapshots] of Object.entries(oracle?.listeners ?? {}))
        expect(snapshots.length, `${legs[0]?.name} listener ${name}`).toBeGreaterThan(0);
      expect(byLeg).toEqual(expected);
    }, 60_000);
  }
});

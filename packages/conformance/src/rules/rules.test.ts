import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCases } from './compile-cases.js';
import { rulesGroups } from './groups/index.js';
import type { Outcome } from './scenario.js';
import { startRulesLegs } from './servers.js';

// Legs are started before the tests are declared: whether Kindling takes part decides whether a scenario
// with a known Kindling bug is an expected failure.
const running = await startRulesLegs();
const kindlingRuns = running.legs.some((leg) => leg.name.startsWith('kindling'));

afterAll(async () => {
  await running.stop();
});

it('scenario names are unique within each group', () => {
  for (const group of rulesGroups) {
    const names = group.scenarios.map((scenario) => scenario.name);
    expect(
      names.filter((name, i) => names.indexOf(name) !== i),
      group.name,
    ).toEqual([]);
  }
});

for (const group of rulesGroups) {
  describe(group.name, () => {
    beforeAll(async () => {
      await Promise.all(running.legs.map((leg) => leg.loadRules(group.rules)));
    });

    for (const scenario of group.scenarios) {
      // A scenario Kindling is known to fail stays in the run as an expected failure naming the bug: it turns
      // red the day the bug is fixed, and its `kindlingBug` entry is then removed.
      const known = scenario.kindlingBug !== undefined && kindlingRuns;
      const test = known ? it.fails : it;
      const title = known ? `${scenario.name} [known Kindling bug: ${scenario.kindlingBug}]` : scenario.name;
      test(title, async () => {
        const outcomes: Record<string, Outcome> = {};
        // Each leg has its own server, so the legs run the scenario concurrently.
        await Promise.all(
          running.legs.map(async (leg) => {
            await leg.reset(scenario.seed);
            outcomes[leg.name] = await leg.run(scenario);
          }),
        );
        const expected = Object.fromEntries(running.legs.map((leg) => [leg.name, scenario.expected]));
        expect(outcomes).toEqual(expected);
      });
    }
  });
}

describe('compile errors', () => {
  for (const compileCase of compileCases) {
    const known = compileCase.kindlingBug !== undefined && kindlingRuns;
    const test = known ? it.fails : it;
    const title = known
      ? `${compileCase.name} [known Kindling bug: ${compileCase.kindlingBug}]`
      : compileCase.name;
    test(title, async () => {
      const outcomes: Record<string, string> = {};
      for (const leg of running.legs) outcomes[leg.name] = await leg.tryRules(compileCase.rules);
      const expected = Object.fromEntries(running.legs.map((leg) => [leg.name, compileCase.expected]));
      expect(outcomes).toEqual(expected);
    });
  }
});

#!/usr/bin/env node
// What re-checking listeners before each change costs (run by `pnpm bench` after rules.mjs, or alone:
// `node bench/rule-rechecks.mjs` after a build). In process, one engine per case: LISTENERS connections, each
// a different signed-in member listening to the same query; then sequential commits by the owner, each one
// reaching every listener. Cases: no rules (the baseline), rules.mjs's typical rules (a get() of the caller's
// membership: a listener's earlier decision is trusted while that document is unchanged), and the same rules
// also reading `request.time` (then every listener is evaluated again before every change). Numbers and ratios
// are printed, never asserted.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DATABASE, printTable, ROOT } from './lib.mjs';
import { mockToken, TYPICAL_RULES } from './rules.mjs';

const LISTENERS = Number(process.env.BENCH_RECHECK_LISTENERS ?? 1000);
const COMMITS = Number(process.env.BENCH_RECHECK_COMMITS ?? 500);
const WARMUP = 20;
const TEAM = `${DATABASE}/documents/teams/t`;
const TIMED_RULES = TYPICAL_RULES.replace(
  'allow read: if signedIn() && role(team) != null;',
  'allow read: if signedIn() && role(team) != null && request.time > timestamp.date(2000, 1, 1);',
);

const OWNER = { token: 'owner' };

async function measure(Engine, rules) {
  const engine = new Engine({ rules });
  const write = (name, fields) =>
    engine.call('commit', { database: DATABASE, writes: [{ update: { name, fields } }] }, OWNER);
  for (let i = 0; i < LISTENERS; i++)
    await write(`${TEAM}/members/u${i}`, { role: { stringValue: 'editor' } });
  let frames = 0;
  const sessions = [];
  for (let i = 0; i < LISTENERS; i++) {
    const session = engine.openSession(() => frames++);
    session.receive(
      JSON.stringify({ type: 'hello', version: 1, database: DATABASE, token: mockToken(`u${i}`) }),
    );
    session.receive(
      JSON.stringify({
        type: 'listen',
        addTarget: {
          targetId: 1,
          query: { parent: TEAM, structuredQuery: { from: [{ collectionId: 'tasks' }] } },
        },
      }),
    );
    sessions.push(session);
  }
  const commitAll = async (from, count) => {
    for (let n = from; n < from + count; n++) {
      await write(`${TEAM}/tasks/t${n % 20}`, { n: { integerValue: String(n) } });
      // Deliveries are synchronous; this lets timers (heartbeats) run between commits as they would.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await commitAll(0, WARMUP);
  const before = frames;
  const started = performance.now();
  await commitAll(WARMUP, COMMITS);
  const perCommit = (performance.now() - started) / COMMITS;
  const delivered = (frames - before) / COMMITS;
  for (const session of sessions) session.close();
  return { perCommit, delivered };
}

export async function runRuleRechecksBench() {
  const { Engine } = await import(`${ROOT}packages/emulator/dist/engine/index.js`);
  const cases = [
    ['no rules', undefined],
    ['typical rules (get() of a membership)', TYPICAL_RULES],
    ['typical rules + request.time', TIMED_RULES],
  ];
  const results = [];
  for (const [label, rules] of cases) {
    process.stderr.write(`bench: listener re-checks, ${label}…\n`);
    results.push([label, await measure(Engine, rules)]);
  }
  const baseline = results[0][1].perCommit;
  printTable([
    ['', `ms per commit reaching ${LISTENERS} listeners`, 'vs no rules', 'frames per commit'],
    ...results.map(([label, r]) => [
      label,
      r.perCommit.toFixed(2),
      `${(r.perCommit / baseline).toFixed(2)}×`,
      r.delivered.toFixed(0),
    ]),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runRuleRechecksBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

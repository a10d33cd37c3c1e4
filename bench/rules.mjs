#!/usr/bin/env node
// Security rules overhead (run by `pnpm bench` after run.mjs and listen.mjs, or alone: `node bench/rules.mjs`
// after a build): the latency of sequential REST `:commit`s made as a signed-in user (an unsigned mock JWT in
// `Authorization: Bearer`), with no rules loaded (every request allowed) and with a typical rules file
// (auth checks, a get() of a membership document, helper functions, field validation) loaded through the
// official admin endpoint, on the official emulator and on the Kindling CLI in the same run. Each server runs
// as two processes (without and with rules) measured in alternating blocks. Before measuring, a commit by a
// non-member must be refused by the process with rules, so the figures are known to include evaluation.
// Every process is killed by its PID. Numbers and ratios are printed, never asserted.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { emulatorServers, launchServer, PROJECT, percentile, printTable } from './lib.mjs';

const COMMITS = Number(process.env.BENCH_RULES_COMMITS ?? 500);
const WARMUP = Number(process.env.BENCH_RULES_WARMUP ?? 200);
/** Commits per block; blocks alternate between the server without rules and the one with them. */
const BLOCK = 50;
const DOCUMENTS = `projects/${PROJECT}/databases/(default)/documents`;

export const TYPICAL_RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    function signedIn() {
      return request.auth != null;
    }
    function role(team) {
      return get(/databases/$(database)/documents/teams/$(team)/members/$(request.auth.uid)).data.role;
    }
    function validTask(data) {
      return data.keys().hasOnly(['title', 'done', 'n', 'owner'])
        && data.title is string && data.title.size() <= 100
        && data.done is bool
        && data.n is int && data.n >= 0
        && data.owner == request.auth.uid;
    }
    match /teams/{team} {
      match /members/{uid} {
        allow read: if signedIn() && request.auth.uid == uid;
      }
      match /tasks/{task} {
        allow read: if signedIn() && role(team) != null;
        allow create, update: if signedIn() && role(team) in ['editor', 'owner'] && validTask(request.resource.data);
        allow delete: if false;
      }
    }
  }
}
`;

const base64url = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token with Firebase Auth's claims, as `mockUserToken` builds it. */
export function mockToken(uid) {
  const payload = {
    iss: `https://securetoken.google.com/${PROJECT}`,
    aud: PROJECT,
    iat: 0,
    exp: 3600,
    auth_time: 0,
    sub: uid,
    user_id: uid,
    firebase: { sign_in_provider: 'custom', identities: {} },
  };
  return `${base64url({ alg: 'none', type: 'JWT' })}.${base64url(payload)}.`;
}

const servers = emulatorServers(PROJECT);

async function call(origin, method, path, token, body) {
  const response = await fetch(`${origin}${path}`, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  await response.arrayBuffer();
  return response.status;
}

const taskWrite = (uid, i) => ({
  update: {
    name: `${DOCUMENTS}/teams/t1/tasks/d${i % 50}`,
    fields: {
      title: { stringValue: `task ${i}` },
      done: { booleanValue: i % 2 === 0 },
      n: { integerValue: String(i) },
      owner: { stringValue: uid },
    },
  },
});

const commitAs = (origin, uid, i) =>
  call(origin, 'POST', `/v1/${DOCUMENTS}:commit`, mockToken(uid), { writes: [taskWrite(uid, i)] });

async function loadRules(origin, content) {
  const status = await call(origin, 'PUT', `/emulator/v1/projects/${PROJECT}:securityRules`, 'owner', {
    rules: { files: [{ name: 'firestore.rules', content }] },
  });
  if (status !== 200) throw new Error(`bench rules: loading the rules answered HTTP ${status}`);
}

/** Sequential commits as alice (a member), `count` of them from index `from`; their latencies in ms. */
async function commitTimes(origin, from, count) {
  const times = [];
  for (let i = from; i < from + count; i++) {
    const t = performance.now();
    const status = await commitAs(origin, 'alice', i);
    times.push(performance.now() - t);
    if (status !== 200) throw new Error(`bench rules: commit answered HTTP ${status}`);
  }
  return times;
}

function summary(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  return { mean, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Starts one server process with alice's membership seeded; `stop` kills it by PID. */
async function launch(server) {
  const { origin, stop } = await launchServer(server);
  try {
    const seeded = await call(origin, 'POST', `/v1/${DOCUMENTS}:commit`, 'owner', {
      writes: [
        {
          update: {
            name: `${DOCUMENTS}/teams/t1/members/alice`,
            fields: { role: { stringValue: 'editor' } },
          },
        },
      ],
    });
    if (seeded !== 200) throw new Error(`bench rules: seeding answered HTTP ${seeded}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, stop };
}

/**
 * Two processes of the server, one without rules and one with the typical rules, measured in alternating
 * blocks so that load from elsewhere on the machine and JIT warm-up weigh on both alike.
 */
async function measure(server) {
  const open = await launch(server);
  let ruled;
  try {
    ruled = await launch(server);
    await loadRules(ruled.origin, TYPICAL_RULES);
    const refused = await commitAs(ruled.origin, 'mallory', 0);
    if (refused !== 403)
      throw new Error(`bench rules: a non-member's commit answered HTTP ${refused}, not 403`);
    await commitTimes(open.origin, 0, WARMUP);
    await commitTimes(ruled.origin, 0, WARMUP);
    const times = { open: [], ruled: [] };
    for (let done = 0; done < COMMITS; done += BLOCK) {
      const count = Math.min(BLOCK, COMMITS - done);
      times.open.push(...(await commitTimes(open.origin, done, count)));
      times.ruled.push(...(await commitTimes(ruled.origin, done, count)));
    }
    return { open: summary(times.open), ruled: summary(times.ruled) };
  } finally {
    await open.stop();
    await ruled?.stop();
  }
}

const ms = (n) => (n === undefined ? '—' : `${n.toFixed(2)} ms`);
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);

export async function runRulesBench() {
  const results = {};
  for (const [key, server] of Object.entries(servers)) {
    if (!server.available()) {
      console.log(`bench rules: ${server.label} not found; its column is skipped`);
      continue;
    }
    process.stderr.write(`bench rules: measuring ${server.label}…\n`);
    results[key] = await measure(server);
  }
  const { official: o, kindling: k } = results;
  console.log(
    `\nsecurity rules: ${COMMITS} sequential REST commits as a signed-in member (after ${WARMUP} warm-up)`,
  );
  const rows = [['', 'official', 'kindling CLI', 'official/kindling']];
  for (const [label, phase] of [
    ['no rules', 'open'],
    ['typical rules', 'ruled'],
  ]) {
    for (const stat of ['mean', 'p50', 'p99']) {
      const a = o?.[phase][stat];
      const b = k?.[phase][stat];
      rows.push([`${label}: commit ${stat}`, ms(a), ms(b), ratio(a, b)]);
    }
  }
  rows.push([
    'rules overhead (mean with / without)',
    ratio(o?.ruled.mean, o?.open.mean),
    ratio(k?.ruled.mean, k?.open.mean),
    '',
  ]);
  printTable(rows);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runRulesBench().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}

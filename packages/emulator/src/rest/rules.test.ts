import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/index.js';
import { unsignedJwt } from '../engine/test-support.js';
import { handleRestRequest } from './index.js';

// The admin rules endpoint and the Authorization header, with the official emulator's bodies.

const HOST = 'http://kindling.test';
const RULES_URL = `${HOST}/emulator/v1/projects/demo-rules:securityRules`;
const DOCS = `${HOST}/v1/projects/demo-rules/databases/(default)/documents`;

const RULES = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /users/{uid} {
      allow read, write: if request.auth.uid == uid;
    }
  }
}`;

async function call(engine: Engine, method: string, url: string, body?: unknown, token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await handleRestRequest(
    engine,
    new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  return { status: response.status, json: await response.json() };
}

const OPEN = `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} {
      allow read, write: if true;
    }
  }
}`;

const rulesBody = (content: string) => ({ rules: { files: [{ name: 'firestore.rules', content }] } });

describe('PUT and GET /emulator/v1/projects/{p}:securityRules', () => {
  it('reads back open rules before any are loaded, then the loaded ones', async () => {
    const engine = new Engine();
    const before = await call(engine, 'GET', RULES_URL);
    expect(before.status).toBe(200);
    expect(before.json.rules.files).toEqual([
      { name: 'OPEN_RULES', content: expect.stringContaining('allow read, write: if true;') },
    ]);
    expect(await call(engine, 'PUT', RULES_URL, rulesBody(RULES))).toEqual({ status: 200, json: {} });
    expect(engine.rulesSource('demo-rules')).toBe(RULES);
    expect((await call(engine, 'GET', RULES_URL)).json).toEqual(rulesBody(RULES));
  });

  it('answers a compile error with 400 "Error compiling rules:" and one line per issue, keeping the rules', async () => {
    const engine = new Engine({ rules: RULES });
    const broken = await call(engine, 'PUT', RULES_URL, rulesBody(RULES.replace('== uid;', '== (uid;')));
    expect(broken.status).toBe(400);
    expect(broken.json.error).toEqual({
      code: 400,
      status: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^Error compiling rules:\nL\d+:\d+ /),
    });
    expect(engine.rulesSource('demo-rules')).toBe(RULES);
  });

  it('loads rules for one project: others keep theirs, or the default ones (--rules) when they have none', async () => {
    const DENY_ALL = RULES.replace('request.auth.uid == uid', 'false');
    const engine = new Engine({ rules: DENY_ALL });
    const status = async (project: string) =>
      (await call(engine, 'GET', `${HOST}/v1/projects/${project}/databases/(default)/documents/users/alice`))
        .status;
    const other = `${HOST}/emulator/v1/projects/demo-other:securityRules`;
    expect(await call(engine, 'PUT', other, rulesBody(OPEN))).toEqual({ status: 200, json: {} });
    // Open rules let the read reach the (missing) document: 404; the default rules refuse it: 403.
    expect([await status('demo-other'), await status('demo-rules'), await status('demo-third')]).toEqual([
      404, 403, 403,
    ]);
    expect((await call(engine, 'GET', other)).json).toEqual(rulesBody(OPEN));
    expect((await call(engine, 'GET', RULES_URL)).json).toEqual(rulesBody(DENY_ALL));
    // A new default reaches the projects without rules of their own, not the others.
    engine.setRules(null);
    expect([await status('demo-other'), await status('demo-rules')]).toEqual([404, 404]);
    expect(await call(engine, 'PUT', other, rulesBody(DENY_ALL))).toEqual({ status: 200, json: {} });
    expect([await status('demo-other'), await status('demo-rules')]).toEqual([403, 404]);
  });

  it('refuses a body that is not one rules file', async () => {
    const engine = new Engine();
    for (const body of [{}, { rules: { files: [] } }, { rules: { files: [{ name: 'x' }] } }, rulesBody('')]) {
      const answer = await call(engine, 'PUT', RULES_URL, body);
      expect([answer.status, answer.json.error.status], JSON.stringify(body)).toEqual([
        400,
        'INVALID_ARGUMENT',
      ]);
    }
    expect((await call(engine, 'POST', RULES_URL, rulesBody(RULES))).status).toBe(404);
  });
});

describe('the Authorization header', () => {
  it('Bearer owner bypasses the rules; a JWT is the user the rules judge; none is unauthenticated', async () => {
    const engine = new Engine({ rules: RULES });
    const alice = unsignedJwt({ sub: 'alice' });
    const denied = await call(engine, 'PATCH', `${DOCS}/users/alice`, { fields: {} });
    expect(denied.status).toBe(403);
    expect(denied.json.error).toMatchObject({ code: 403, status: 'PERMISSION_DENIED' });
    expect(denied.json.error.message).toMatch(/^Missing or insufficient permissions\./);
    expect((await call(engine, 'PATCH', `${DOCS}/users/alice`, { fields: {} }, alice)).status).toBe(200);
    expect(
      (await call(engine, 'GET', `${DOCS}/users/alice`, undefined, unsignedJwt({ sub: 'bob' }))).status,
    ).toBe(403);
    expect((await call(engine, 'GET', `${DOCS}/users/alice`, undefined, 'owner')).status).toBe(200);
    const listing = await call(engine, 'POST', `${DOCS}:listCollectionIds`, {}, alice);
    expect(listing.json.error.message).toBe('Metadata operations require admin authentication.');
  });

  it('refuses a malformed token or another scheme with 400', async () => {
    const engine = new Engine();
    const garbage = await call(engine, 'GET', `${DOCS}/users/alice`, undefined, 'garbage');
    expect(garbage).toEqual({
      status: 400,
      json: { error: { code: 400, message: 'invalid jwt', status: 'INVALID_ARGUMENT' } },
    });
    // Also for methods the rules never judge, as the official emulator answers them.
    for (const verb of ['beginTransaction', 'rollback']) {
      const body = verb === 'rollback' ? { transaction: 'AAAA' } : {};
      expect(await call(engine, 'POST', `${DOCS}:${verb}`, body, 'garbage'), verb).toEqual(garbage);
    }
    const basic = await handleRestRequest(
      engine,
      new Request(`${DOCS}/users/alice`, { headers: { authorization: 'Basic dXNlcg==' } }),
    );
    expect(basic.status).toBe(400);
  });
});

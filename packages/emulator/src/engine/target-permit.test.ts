import { describe, expect, it } from 'vitest';
import { OWNER } from './auth.js';
import { Engine } from './engine.js';
import type { TargetSpec } from './listen/index.js';
import { DB, docName, ROOT, set, str, unsignedJwt } from './test-support.js';

// A listener's permit: whether the decision to admit its target still holds without evaluating the rules again.

const rules = (condition: string) => `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /rooms/{room}/msgs/{msg} { allow read: if ${condition}; }
  }
}`;
const MEMBERS_ONLY = rules(
  `request.auth.uid == get(/databases/$(database)/documents/rooms/$(room)).data.member`,
);

const alice = { token: unsignedJwt({ sub: 'alice' }) };
const messages: TargetSpec = {
  kind: 'query',
  parent: `${ROOT}/rooms/r`,
  query: { from: [{ collectionId: 'msgs' }] },
};
const message: TargetSpec = { kind: 'documents', names: [docName('rooms/r/msgs/m')] };

async function engineWith(source: string | undefined) {
  const engine = new Engine({ rules: source });
  let edits = 0;
  // Each write changes the document (a write that changes nothing keeps its update time).
  const write = (path: string, member: string) =>
    engine.call(
      'commit',
      { database: DB, writes: [set(path, { member: str(member), edit: str(`${++edits}`) })] },
      OWNER,
    );
  await write('rooms/r', 'alice');
  await write('rooms/r/msgs/m', 'alice');
  return { engine, write };
}

describe('target permits', () => {
  it('hold until a document the rules looked up changes, whatever else changes', async () => {
    const { engine, write } = await engineWith(MEMBERS_ONLY);
    const permit = engine.authorizeTarget(DB, messages, alice);
    expect(permit()).toBe(true);
    await write('rooms/r/msgs/m2', 'x');
    await write('rooms/other', 'bob');
    expect(permit()).toBe(true);
    // Still allowed, but the rules would have to say so again.
    await write('rooms/r', 'alice');
    expect(permit()).toBe(false);
    expect(engine.authorizeTarget(DB, messages, alice)()).toBe(true);
  });

  it('of a documents target hold until one of its documents changes', async () => {
    const { engine, write } = await engineWith(rules('resource.data.member == request.auth.uid'));
    const permit = engine.authorizeTarget(DB, message, alice);
    await write('rooms/r/msgs/other', 'x');
    expect(permit()).toBe(true);
    await write('rooms/r/msgs/m', 'alice');
    expect(permit()).toBe(false);
  });

  it('never hold when the rules read request.time, and always hold without rules or for the owner', async () => {
    const timed = await engineWith(rules(`request.time < timestamp.date(3000, 1, 1)`));
    expect(timed.engine.authorizeTarget(DB, messages, alice)()).toBe(false);
    const open = await engineWith(undefined);
    const permit = open.engine.authorizeTarget(DB, messages, alice);
    await open.write('rooms/r', 'bob');
    expect(permit()).toBe(true);
    const owner = (await engineWith(MEMBERS_ONLY)).engine.authorizeTarget(DB, messages, OWNER);
    expect(owner()).toBe(true);
  });
});

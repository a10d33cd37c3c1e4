import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RunningServer, startOfficialEmulator } from '../official-emulator.js';
import { putRules } from '../rules-admin.js';

// Rules are per project on both emulators: a PUT for one project leaves every other project as it was, so test
// files that use different project ids can load different rules against one emulator.

const rules = (condition: string) => `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} { allow read, write: if ${condition}; }
  }
}`;

const servers: { name: string; origin: string; stop(): Promise<void> }[] = [];

beforeAll(async () => {
  const official: RunningServer | null = await startOfficialEmulator('demo-projects');
  if (official)
    servers.push({
      name: 'official',
      origin: `http://${official.host}:${official.port}`,
      stop: official.stop,
    });
  const { startEmulator } = await import('@kindling/emulator');
  const kindling = await startEmulator({ port: 0 });
  servers.push({ name: 'kindling', origin: `http://${kindling.host}:${kindling.port}`, stop: kindling.stop });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
});

/** HTTP status of an unauthenticated read of a missing document in each project: 404 allowed, 403 denied. */
async function reads(origin: string, projects: string[]): Promise<number[]> {
  return Promise.all(
    projects.map(
      async (project) =>
        (await fetch(`${origin}/v1/projects/${project}/databases/(default)/documents/c/missing`)).status,
    ),
  );
}

it('a PUT loads rules for its project only', async () => {
  const outcomes = await Promise.all(
    servers.map(async ({ name, origin }) => {
      await putRules(origin, 'demo-p1', rules('false'));
      await putRules(origin, 'demo-p2', rules('true'));
      const first = await reads(origin, ['demo-p1', 'demo-p2', 'demo-p3']);
      await putRules(origin, 'demo-p1', rules('true'));
      await putRules(origin, 'demo-p2', rules('false'));
      const second = await reads(origin, ['demo-p1', 'demo-p2', 'demo-p3']);
      return { [name]: [first, second] };
    }),
  );
  const expected = [
    [403, 404, 404],
    [404, 403, 404],
  ];
  expect(Object.assign({}, ...outcomes)).toEqual(Object.fromEntries(servers.map((s) => [s.name, expected])));
});

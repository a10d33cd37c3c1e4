import { expect, it } from 'vitest';
import { Engine } from '../engine/index.js';
import { handleRestRequest } from './index.js';

const base = 'http://kindling.test/v1/projects/p/databases/(default)/documents';

it('serves fetch Requests without any server, as msw handlers call it', async () => {
  const engine = new Engine();
  const written = await handleRestRequest(
    engine,
    new Request(`${base}/a/b`, {
      method: 'PATCH',
      headers: { origin: 'http://app.test' },
      body: JSON.stringify({ fields: { x: { integerValue: '1' } } }),
    }),
  );
  expect(written.status).toBe(200);
  expect(written.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(written.headers.get('access-control-allow-origin')).toBe('http://app.test');
  expect((await written.json()).fields).toEqual({ x: { integerValue: '1' } });

  const missing = await handleRestRequest(engine, new Request(`${base}/a/none`));
  expect([missing.status, await missing.json()]).toEqual([
    404,
    {
      error: {
        code: 404,
        message: 'Document (projects/p/databases/(default)/documents/a/none) not found.',
        status: 'NOT_FOUND',
      },
    },
  ]);
  const root = await handleRestRequest(engine, new Request('http://kindling.test/'));
  expect([root.headers.get('content-type'), await root.text()]).toEqual(['text/plain; charset=utf-8', 'Ok']);
});

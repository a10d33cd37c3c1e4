import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/index.js';
import { startEmulator } from './start.js';

const hasIpv6Loopback = Object.values(networkInterfaces()).some((addresses) =>
  addresses?.some((a) => a.address === '::1'),
);

describe('startEmulator', () => {
  it('listens on both loopbacks for localhost and reports 127.0.0.1', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      expect(emu.host).toBe('127.0.0.1');
      expect(emu.url).toBe(`http://127.0.0.1:${emu.port}`);
      expect(emu.projectId).toBe('demo-kindling');
      expect(await (await fetch(`http://127.0.0.1:${emu.port}/`)).text()).toBe('Ok');
      if (hasIpv6Loopback) expect(await (await fetch(`http://[::1]:${emu.port}/`)).text()).toBe('Ok');
    } finally {
      await emu.stop();
    }
    await expect(fetch(`${emu.url}/`)).rejects.toThrow();
  });

  it('serves a given engine and refuses a port in use', async () => {
    const engine = new Engine();
    const emu = await startEmulator({ port: 0, host: '127.0.0.1', engine, projectId: 'demo-start' });
    try {
      expect(emu.engine).toBe(engine);
      expect(emu.projectId).toBe('demo-start');
      await expect(startEmulator({ port: emu.port, host: '127.0.0.1' })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await emu.stop();
    }
  });

  it('enforces the rules it is given, on a new engine or a given one', async () => {
    const rules = `rules_version = '2';
service cloud.firestore { match /databases/{d}/documents { match /{doc=**} { allow read: if true; } } }`;
    const engine = new Engine();
    for (const options of [{ rules }, { rules, engine }]) {
      const emu = await startEmulator({ port: 0, host: '127.0.0.1', ...options });
      try {
        expect(emu.engine.rulesSource()).toBe(rules);
        const write = await fetch(`${emu.url}/v1/projects/p/databases/(default)/documents/c/d`, {
          method: 'PATCH',
          body: '{}',
        });
        expect(write.status).toBe(403);
      } finally {
        await emu.stop();
      }
    }
  });
});

import { fileURLToPath } from 'node:url';
import { expect, test } from './support/fixtures.js';
import { Child } from './support/processes.js';

const script = fileURLToPath(new URL('../examples/node/listen.mjs', import.meta.url));

test('the Node listener example prints each change from onSnapshot and from the observable', async ({
  emulator,
}) => {
  await emulator.setDocument('cities/TOK', { name: 'Tokyo', population: 37_400_000 });
  const { child } = await Child.start(process.execPath, [script], /listening to cities/, {
    env: { FIRESTORE_EMULATOR_HOST: emulator.hostPort },
  });
  try {
    await child.waitFor(/\[observable\] added TOK/);
    await emulator.setDocument('cities/LA', { name: 'Los Angeles', population: 3_900_000 });
    await emulator.setDocument('cities/SF', { name: 'San Francisco', population: 870_000 });
    await emulator.setDocument('cities/TOK', { name: 'Tokyo', population: 37_500_000 });
    await child.waitFor(/\[onSnapshot\] modified TOK/);
    await child.waitFor(/\[observable\] modified TOK/);

    const lines = (source: string) =>
      child.output
        .split('\n')
        .filter((line) => line.startsWith(`[${source}]`))
        .map((line) => line.slice(source.length + 3));
    const expected = [
      'added TOK {"name":"Tokyo","population":37400000} (index -1 -> 0)',
      'added LA {"name":"Los Angeles","population":3900000} (index -1 -> 1)',
      'modified TOK {"name":"Tokyo","population":37500000} (index 0 -> 0)',
    ];
    // San Francisco (870,000) is outside the query.
    expect(lines('onSnapshot')).toEqual(expected);
    expect(lines('observable')).toEqual(expected);
  } finally {
    await child.stop();
  }
  expect(child.process.exitCode).toBe(0);
});

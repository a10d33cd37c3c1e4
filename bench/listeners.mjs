#!/usr/bin/env node
// The listener side of bench/listen.mjs, in a process of its own (forked with an IPC channel): it holds the N
// listener sockets, so neither the server nor the writer shares an event loop with them.
// Every write carries the writer's stamp (`t`, CLOCK_MONOTONIC ns, see clockNs in lib.mjs) and its number
// (`i`) in the document; when a listener gets the snapshot marker after write i's document, its
// write-to-delivery latency is now − t. When all N listeners have write i, the parent gets {delivered: i, at}.
// Per write it also keeps the first and the last listener's latency (server work vs fan-out spread).
// The same code serves both columns: Kindling sockets (hello + one listen target) and raw `ws` sockets that
// get the same frames from the broadcast server.
import { clockNs, kindlingSocket, median, open, openMany, percentile } from './lib.mjs';

let sockets = [];
let n = 0;
let frames = 0;
let latencies = [];
let counts = new Map();
let firsts = [];
let lasts = [];

const reply = (message) => process.send(message);

function delivered(i, stamp) {
  const at = clockNs();
  latencies.push(Number(at - stamp) / 1e6);
  const count = (counts.get(i) ?? 0) + 1;
  if (count === 1) firsts.push(latencies.at(-1));
  if (count === n) {
    lasts.push(latencies.at(-1));
    counts.delete(i);
    reply({ type: 'delivered', i, at: String(at) });
  } else counts.set(i, count);
}

/** One listener's frame handler; resolves `ready` at the first snapshot marker after CURRENT. */
function listener(capture, ready) {
  let lastI = -1;
  let lastStamp = 0n;
  let current = false;
  return (frame, data) => {
    frames += 1;
    const response = frame.response;
    if (response.documentChange) {
      const fields = response.documentChange.document.fields;
      lastI = Number(fields.i.integerValue);
      lastStamp = BigInt(fields.t.integerValue);
      if (capture && lastI === 0 && capture.length === 0) capture.push(String(data));
    } else if (response.targetChange?.targetChangeType === 'CURRENT') {
      current = true;
    } else if (response.targetChange && !response.targetChange.targetIds?.length) {
      if (capture && capture.length === 1) {
        capture.push(String(data));
        reply({ type: 'sample', frames: capture });
      }
      if (!current) return;
      ready();
      if (lastI >= 0) delivered(lastI, lastStamp);
    }
  };
}

async function openListeners({ mode, url, count, collection }) {
  n = count;
  const capture = [];
  if (mode === 'kindling') {
    const clients = await openMany(count, () => kindlingSocket(url));
    await Promise.all(
      clients.map(
        (client, index) =>
          new Promise((resolve) => {
            client.onListen = listener(index === 0 ? capture : null, resolve);
            client.listen(1, collection);
          }),
      ),
    );
    sockets = clients.map((client) => client.socket);
  } else {
    sockets = await openMany(count, () => open(url));
    for (const socket of sockets) {
      // Raw sockets get no initial snapshot; they count as CURRENT from the start.
      const handle = listener(null, () => {});
      handle({ response: { targetChange: { targetChangeType: 'CURRENT' } } });
      frames = 0;
      socket.on('message', (data) => handle(JSON.parse(data), data));
    }
  }
}

process.on('message', async (message) => {
  try {
    switch (message.cmd) {
      case 'open':
        await openListeners(message);
        break;
      case 'reset':
        frames = 0;
        latencies = [];
        counts = new Map();
        firsts = [];
        lasts = [];
        break;
      case 'stats': {
        const sorted = latencies.sort((a, b) => a - b);
        reply({
          type: 'reply',
          id: message.id,
          frames,
          samples: sorted.length,
          p50: percentile(sorted, 50),
          p99: percentile(sorted, 99),
          max: sorted.at(-1),
          first: median(firsts),
          last: median(lasts),
        });
        return;
      }
      case 'close':
        for (const socket of sockets) socket.close();
        sockets = [];
        break;
    }
    reply({ type: 'reply', id: message.id });
  } catch (error) {
    reply({ type: 'reply', id: message.id, error: String(error?.stack ?? error) });
  }
});
process.once('disconnect', () => process.exit(0));

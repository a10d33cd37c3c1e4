#!/usr/bin/env node
// The baseline for bench/listen.mjs: a bare `ws` server. A message `"sync"` is echoed to its sender; any
// other message is a JSON array of frame texts, each sent unchanged to every other socket.
// `GET /` answers `Ok` like the emulators, so the bench can wait for it. Usage: raw-broadcast.mjs HOST PORT
import { createServer } from 'node:http';
import { WebSocketServer } from './lib.mjs';

const [host, port] = process.argv.slice(2);
const server = createServer((_request, response) => response.end('Ok'));
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (socket) => {
  socket.on('message', (data) => {
    const text = String(data);
    if (text === '"sync"') {
      socket.send(text);
      return;
    }
    const frames = JSON.parse(text);
    for (const client of wss.clients) {
      if (client === socket) continue;
      for (const frame of frames) client.send(frame);
    }
  });
});
server.listen(Number(port), host);
process.once('SIGTERM', () => process.exit(0));

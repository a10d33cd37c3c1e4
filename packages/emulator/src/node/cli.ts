#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { DEFAULT_PORT, DEFAULT_PROJECT_ID, startEmulator } from './start.js';

const usage = `Usage: kindling-emulator [--host HOST] [--port PORT] [--project PROJECT_ID]

  --host      interface to listen on (default localhost: 127.0.0.1 and ::1)
  --port      port for REST and WebSocket (default ${DEFAULT_PORT}; 0 picks a free one)
  --project   project id shown in the banner (default ${DEFAULT_PROJECT_ID}); every project is served`;

function fail(message: string): never {
  process.stderr.write(`kindling-emulator: ${message}\n${usage}\n`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        project: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
}

const args = parse();
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const port = args.port === undefined ? DEFAULT_PORT : Number(args.port);
if (!/^\d+$/.test(args.port ?? '0') || !Number.isInteger(port) || port > 65535) {
  fail(`--port must be an integer from 0 to 65535, got ${JSON.stringify(args.port)}`);
}

// Signal handlers go in before the ready line: a supervisor may signal the moment it reads it.
const starting = startEmulator({ host: args.host, port, projectId: args.project });
const shutdown = () => {
  starting
    .then((emulator) => emulator.stop())
    .then(
      () => process.exit(0),
      () => process.exit(1),
    );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);

try {
  const emulator = await starting;
  process.stdout.write(`Kindling emulator ready at ${emulator.url} (project ${emulator.projectId})\n`);
} catch (error) {
  process.stderr.write(`kindling-emulator: cannot start: ${(error as Error).message}\n`);
  process.exit(1);
}

#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { RulesCompileError } from '../engine/index.js';
import { ConfigError, REALTIME_SETTINGS, type RealtimeOptions, resolveRealtimeSettings } from './config.js';
import { type RulesFileEvent, readRulesFile, watchRulesFile } from './rules-file.js';
import { DEFAULT_PORT, DEFAULT_PROJECT_ID, startEmulator } from './start.js';

const usage = `Usage: kindling-emulator [--host HOST] [--port PORT] [--project PROJECT_ID] [--rules FILE] [realtime options]

  --host      interface to listen on (default localhost: 127.0.0.1 and ::1)
  --port      port for REST and WebSocket (default ${DEFAULT_PORT}; 0 picks a free one)
  --project   project id shown in the banner (default ${DEFAULT_PROJECT_ID}); every project is served
  --rules     Firestore security rules file to enforce, reloaded whenever it changes (a version that does not
              compile is reported and the previous rules are kept); without it every request is allowed

Realtime options (each overrides its environment variable; durations: 500ms, 30s, 2m, 1h or milliseconds):
  --heartbeat-interval DURATION        server ping interval (HEARTBEAT_INTERVAL, default 30s; 0 = off)
  --connection-timeout DURATION        close connections silent this long (CONNECTION_TIMEOUT, default 90s; 0 = never)
  --max-subscriptions-per-client N     listen targets per connection (MAX_SUBSCRIPTIONS_PER_CLIENT, default 100)
  --event-buffer-size N                queued listen frames per slow connection (EVENT_BUFFER_SIZE, default 200)
  --cleanup-interval DURATION          dead-session sweep interval (CLEANUP_INTERVAL, default 60s; 0 = off)
  --max-buffered-bytes BYTES           unsent socket bytes before queueing (MAX_BUFFERED_BYTES, default 8MiB)`;

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
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        ...Object.fromEntries(REALTIME_SETTINGS.map((s) => [s.flag.slice(2), { type: 'string' as const }])),
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

const realtime: RealtimeOptions = {};
try {
  const flags: Partial<Record<keyof RealtimeOptions, string>> = {};
  for (const setting of REALTIME_SETTINGS) {
    const value = (args as Record<string, unknown>)[setting.flag.slice(2)];
    if (typeof value === 'string') flags[setting.option] = value;
  }
  const settings = resolveRealtimeSettings({ flags, env: process.env });
  for (const { option, target } of REALTIME_SETTINGS) realtime[option] = settings[target];
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  fail(error.message);
}

let rules: string | undefined;
if (args.rules !== undefined) {
  try {
    rules = readRulesFile(args.rules);
  } catch (error) {
    fail(`cannot read --rules ${args.rules}: ${(error as Error).message}`);
  }
}

const logRulesEvent = (event: RulesFileEvent) => {
  if (event.kind === 'reloaded') process.stdout.write(`Reloaded security rules from ${event.path}\n`);
  else {
    process.stderr.write(
      `kindling-emulator: ${event.path} not loaded, keeping the previous rules:\n${event.error.message}\n`,
    );
  }
};

// Signal handlers go in before the ready line: a supervisor may signal the moment it reads it.
const starting = startEmulator({ host: args.host, port, projectId: args.project, rules, ...realtime });
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
  if (args.rules === undefined) {
    process.stdout.write(
      'Warning: no security rules: every request is allowed (load some with --rules FILE)\n',
    );
  } else {
    watchRulesFile(emulator.engine, args.rules, logRulesEvent);
    process.stdout.write(`Security rules loaded from ${args.rules} (reloaded when it changes)\n`);
  }
  process.stdout.write(`Kindling emulator ready at ${emulator.url} (project ${emulator.projectId})\n`);
} catch (error) {
  const reason =
    error instanceof RulesCompileError ? `${args.rules}: ${error.message}` : (error as Error).message;
  process.stderr.write(`kindling-emulator: cannot start: ${reason}\n`);
  process.exit(1);
}

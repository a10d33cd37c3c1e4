import { readFileSync, type Stats, unwatchFile, watchFile } from 'node:fs';
import { type Engine, RulesCompileError } from '../engine/index.js';

/** How often the rules file is polled: polling survives editors that save by replacing the file. */
const POLL_MS = 200;

export interface RulesFileWatch {
  close(): void;
}

/** What happened to a watched rules file, for the log. */
export type RulesFileEvent =
  | { kind: 'reloaded'; path: string }
  | { kind: 'refused'; path: string; error: Error };

/** Reads a rules file's source (ENOENT and friends as thrown by fs). */
export const readRulesFile = (path: string): string => readFileSync(path, 'utf8');

/**
 * Reloads `path` into `engine` whenever it changes. A version that does not compile (or cannot be read) is
 * reported and the rules in force are kept, so a half-saved edit never opens the database.
 */
export function watchRulesFile(
  engine: Engine,
  path: string,
  report: (event: RulesFileEvent) => void,
  pollMs = POLL_MS,
): RulesFileWatch {
  const changed = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    let source: string;
    try {
      source = readRulesFile(path);
    } catch (error) {
      report({ kind: 'refused', path, error: error as Error });
      return;
    }
    if (source === engine.rulesSource()) return;
    try {
      engine.setRules(source);
      report({ kind: 'reloaded', path });
    } catch (error) {
      if (!(error instanceof RulesCompileError)) throw error;
      report({ kind: 'refused', path, error });
    }
  };
  watchFile(path, { interval: pollMs, persistent: false }, changed);
  return { close: () => unwatchFile(path, changed) };
}

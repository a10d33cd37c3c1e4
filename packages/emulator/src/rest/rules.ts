import { Code, StatusError } from '@kindling/core';
import type { Engine } from '../engine/index.js';
import { RulesCompileError } from '../engine/rules/index.js';
import { readJsonBody } from './http.js';

// The official emulator's admin endpoint for security rules: `PUT /emulator/v1/projects/{p}:securityRules` with
// `{ "rules": { "files": [{ "name", "content" }] } }` loads them, `GET` reads them back.

/** What the official emulator reports when no rules were loaded: rules that allow everything. */
const OPEN_RULES = {
  name: 'OPEN_RULES',
  content: `rules_version = '2';
service cloud.firestore {
  match /databases/{database}/documents {
    match /{document=**} {
      allow read, write: if true;
    }
  }
}`,
};

/** The file name GET reports for rules loaded from a source alone (the CLI, `new Engine({ rules })`). */
const RULES_FILE = 'firestore.rules';

const invalid = (message: string) => new StatusError(Code.INVALID_ARGUMENT, message);

/** The one file's content of a PUT body; INVALID_ARGUMENT when the body is not that shape. */
function rulesFileOf(body: unknown): string {
  const files = (body as { rules?: { files?: unknown } } | null)?.rules?.files;
  if (!Array.isArray(files))
    throw invalid('The body must be { "rules": { "files": [{ "name", "content" }] } }.');
  if (files.length !== 1)
    throw invalid(`Kindling loads exactly one rules file; the body has ${files.length}.`);
  const content = (files[0] as { content?: unknown } | null)?.content;
  if (typeof content !== 'string') throw invalid('The rules file needs a string "content".');
  return content;
}

/** The rules the engine enforces for `project`, as the official emulator's GET answers. */
export function readRules(engine: Engine, project: string): unknown {
  const source = engine.rulesSource(project);
  return { rules: { files: [source === null ? OPEN_RULES : { name: RULES_FILE, content: source }] } };
}

/**
 * Loads the body's rules for `project` (other projects keep theirs, as in the official emulator). A compile
 * error is INVALID_ARGUMENT with the official emulator's message; the rules in force stay as they were.
 */
export async function writeRules(engine: Engine, project: string, request: Request): Promise<unknown> {
  const source = rulesFileOf(await readJsonBody(request));
  try {
    engine.setRules(source, project);
  } catch (error) {
    // The message already reads "Error compiling rules:" and one `L{line}:{column} …` line per issue.
    if (error instanceof RulesCompileError) throw invalid(error.message);
    throw error;
  }
  return {};
}

/**
 * A rules file the emulator refuses to load. The message has the official emulator's shape, so adapters can
 * pass it on verbatim (REST answers 400 INVALID_ARGUMENT with it, the CLI logs it):
 *
 *     Error compiling rules:
 *     L3:24 Unexpected '=='.
 *     L7:5 Function f is already defined.
 *
 * Lines and columns are 1-based; `L0:0` marks an issue about the file as a whole (an empty file).
 */

export interface RulesCompileIssue {
  line: number;
  column: number;
  message: string;
}

export const COMPILE_ERROR_HEADER = 'Error compiling rules:';

export class RulesCompileError extends Error {
  readonly issues: RulesCompileIssue[];

  constructor(issues: RulesCompileIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
    super([COMPILE_ERROR_HEADER, ...sorted.map((i) => `L${i.line}:${i.column} ${i.message}`)].join('\n'));
    this.name = 'RulesCompileError';
    this.issues = sorted;
  }
}

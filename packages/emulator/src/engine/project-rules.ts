import type { Ruleset } from './rules/index.js';

/**
 * The security rules in force for each project, as in the official emulator: a project's own rules (loaded for
 * it through the admin endpoint) or else the default ones (the CLI's `--rules`, `new Engine({ rules })`), else
 * none (every request allowed).
 */
export class ProjectRules {
  private fallback: Ruleset | null = null;
  /** Rules loaded for one project; null: loaded as none. */
  private readonly own = new Map<string, Ruleset | null>();

  get default(): Ruleset | null {
    return this.fallback;
  }

  of(projectId: string): Ruleset | null {
    const own = this.own.get(projectId);
    return own === undefined ? this.fallback : own;
  }

  /** Replaces the rules of `projectId`, or the default ones (projects with rules of their own keep them). */
  set(rules: Ruleset | null, projectId?: string): void {
    if (projectId === undefined) this.fallback = rules;
    else this.own.set(projectId, rules);
  }
}

/** `{name}` (one segment) or `{name=**}` (a whole path) inside a path built from a string by `path()`. */
export function templateVariable(segment: string): { name: string; rest: boolean } | null {
  const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(=\*\*)?\}$/.exec(segment);
  return m ? { name: m[1], rest: m[2] !== undefined } : null;
}

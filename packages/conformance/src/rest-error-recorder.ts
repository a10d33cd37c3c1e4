/**
 * `firebase/firestore/lite` keeps only the HTTP status of a failed request; the backend's own status
 * (`error.status` in Google's error body) is what the full SDK and `@kindling/client` report. Lite calls the
 * global `fetch` on every request, so wrapping it lets the harness see that body per server origin.
 */

const lastStatusByOrigin = new Map<string, string>();
let installed: typeof fetch | undefined;

/** The unwrapped fetch, for the harness's own raw REST calls (they must not disturb the record). */
export const rawFetch: typeof fetch = globalThis.fetch.bind(globalThis);

export function installRestErrorRecorder(): void {
  if (installed) return;
  installed = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const response = await rawFetch(input, init);
    if (!response.ok) {
      const origin = new URL(typeof input === 'string' || input instanceof URL ? input : input.url).origin;
      const body = await response
        .clone()
        .json()
        .catch(() => undefined);
      const error = Array.isArray(body) ? body[0]?.error : body?.error;
      lastStatusByOrigin.set(
        origin,
        typeof error?.status === 'string' ? error.status : `HTTP ${response.status}`,
      );
    }
    return response;
  };
}

export function uninstallRestErrorRecorder(): void {
  if (installed) globalThis.fetch = installed;
  installed = undefined;
}

/** Forgets what the server at `origin` last said, so an error raised before any request is recognisable. */
export function clearRestError(origin: string): void {
  lastStatusByOrigin.delete(origin);
}

export function lastRestError(origin: string): string | undefined {
  return lastStatusByOrigin.get(origin);
}

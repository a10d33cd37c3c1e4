import type { Firestore } from '@kindling/client';
import { useConnectionState } from '@kindling/react';
import { useState } from 'react';

/**
 * Online, reconnecting (a socket is being opened after having been online) or offline (between attempts, or
 * before the first). The client retries by itself with backoff, so the label cycles while the server is away.
 */
export function ConnectionIndicator({ db }: { db: Firestore }) {
  const state = useConnectionState(db);
  const [everOnline, setEverOnline] = useState(false);
  // Adjusting state while rendering (React re-renders at once, before painting): no effect, no flash.
  if (state === 'online' && !everOnline) setEverOnline(true);
  const shown = state === 'connecting' ? (everOnline ? 'reconnecting' : 'connecting') : state;
  return (
    <output className={`connection ${shown}`} data-state={shown} aria-label="connection">
      {shown}
    </output>
  );
}

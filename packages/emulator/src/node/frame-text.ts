import type { Document, ServerFrame } from '@kindling/core';

/**
 * One commit fans out to every listening connection with the same document objects: each is serialized once and
 * spliced into each connection's frame, which differs only in `seq` and target ids. Documents are immutable once
 * committed, so a weakly held cache stays right.
 */
const documentJson = new WeakMap<Document, string>();

function jsonOf(document: Document): string {
  let json = documentJson.get(document);
  if (json === undefined) {
    json = JSON.stringify(document);
    documentJson.set(document, json);
  }
  return json;
}

/** The JSON text of a server frame. */
export function frameText(frame: ServerFrame): string {
  if (frame.type !== 'listen' || !frame.response.documentChange) return JSON.stringify(frame);
  const { document, ...targets } = frame.response.documentChange;
  const rest = JSON.stringify(targets).slice(1, -1);
  return `{"type":"listen","response":{"documentChange":{"document":${jsonOf(document)}${rest ? `,${rest}` : ''}}},"seq":${frame.seq}}`;
}

import type { Document, ListenResponse, ServerFrame } from '@kindling/core';

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

/**
 * The last other listen response serialized: a commit's snapshot marker is one response object shared by every
 * stream it reaches (responses are never changed once sent), so consecutive frames reuse its JSON.
 */
let lastResponse: ListenResponse | undefined;
let lastResponseJson = '';

/** The JSON text of a server frame. */
export function frameText(frame: ServerFrame): string {
  if (frame.type !== 'listen') return JSON.stringify(frame);
  const { response } = frame;
  const change = response.documentChange;
  if (!change) {
    if (response !== lastResponse) {
      lastResponseJson = JSON.stringify(response);
      lastResponse = response;
    }
    return `{"type":"listen","response":${lastResponseJson},"seq":${frame.seq}}`;
  }
  let text = `{"type":"listen","response":{"documentChange":{"document":${jsonOf(change.document)}`;
  const { targetIds, removedTargetIds } = change;
  if (targetIds !== undefined) text += `,"targetIds":${JSON.stringify(targetIds)}`;
  if (removedTargetIds !== undefined) text += `,"removedTargetIds":${JSON.stringify(removedTargetIds)}`;
  return `${text}}},"seq":${frame.seq}}`;
}

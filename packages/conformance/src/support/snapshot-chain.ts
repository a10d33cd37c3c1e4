/**
 * Checks a listener's sequence of query snapshots for internal consistency: applying each snapshot's
 * docChanges() (in order, by oldIndex/newIndex, as Firebase documents them) to the previous snapshot's
 * documents yields exactly the next snapshot's documents, and no change adds a document that is already
 * there (no duplicate 'added'), modifies or removes one that is not.
 */

export interface ChainDoc {
  id: string;
  /** The document's data, serialized with sorted keys so equal data compares equal. */
  data: string;
}

export interface ChainChange {
  type: 'added' | 'modified' | 'removed';
  id: string;
  data: string;
  oldIndex: number;
  newIndex: number;
}

export interface ChainSnapshot {
  docs: ChainDoc[];
  changes: ChainChange[];
}

interface SnapshotLike {
  docs: { id: string; data(): unknown }[];
  docChanges(): {
    type: 'added' | 'modified' | 'removed';
    doc: { id: string; data(): unknown };
    oldIndex: number;
    newIndex: number;
  }[];
}

export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function chainSnapshot(snapshot: SnapshotLike): ChainSnapshot {
  return {
    docs: snapshot.docs.map((d) => ({ id: d.id, data: stableJson(d.data()) })),
    changes: snapshot.docChanges().map((c) => ({
      type: c.type,
      id: c.doc.id,
      data: stableJson(c.doc.data()),
      oldIndex: c.oldIndex,
      newIndex: c.newIndex,
    })),
  };
}

/** Returns the problems found (empty when the chain is consistent); `label` names the listener. */
export function checkChain(label: string, snapshots: readonly ChainSnapshot[]): string[] {
  const problems: string[] = [];
  let current: ChainDoc[] = [];
  snapshots.forEach((snapshot, index) => {
    const at = `${label} snapshot ${index}`;
    const next = [...current];
    for (const change of snapshot.changes) {
      const position = next.findIndex((d) => d.id === change.id);
      if (change.type === 'added') {
        if (position >= 0) problems.push(`${at}: '${change.id}' added while already present`);
        else if (change.oldIndex !== -1)
          problems.push(`${at}: added '${change.id}' with oldIndex ${change.oldIndex}`);
        next.splice(change.newIndex, 0, { id: change.id, data: change.data });
        continue;
      }
      if (position < 0) {
        problems.push(`${at}: ${change.type} '${change.id}' which is not present`);
        continue;
      }
      if (position !== change.oldIndex)
        problems.push(
          `${at}: ${change.type} '${change.id}' at ${position}, oldIndex says ${change.oldIndex}`,
        );
      next.splice(position, 1);
      if (change.type === 'modified') next.splice(change.newIndex, 0, { id: change.id, data: change.data });
      else if (change.newIndex !== -1)
        problems.push(`${at}: removed '${change.id}' with newIndex ${change.newIndex}`);
    }
    const expected = stableJson(snapshot.docs);
    if (stableJson(next) !== expected)
      problems.push(`${at}: changes applied give ${stableJson(next)}, snapshot has ${expected}`);
    current = snapshot.docs;
  });
  return problems;
}

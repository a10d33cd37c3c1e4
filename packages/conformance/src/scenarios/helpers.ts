import type * as lite from 'firebase/firestore/lite';
import type { Api } from '../normalize.js';
import type { Scenario, ScenarioContext } from '../scenario.js';

export type Docs = Record<string, lite.DocumentData>;

/** Builds a query's constraints from the leg's API module. */
export type Constraints = (fs: Api) => (lite.QueryConstraint | lite.QueryCompositeFilterConstraint)[];

/** Writes `docs` (id → data) into `collectionPath` in one batch. */
export async function seed(fs: Api, db: lite.Firestore, collectionPath: string, docs: Docs): Promise<void> {
  const batch = fs.writeBatch(db);
  for (const [id, data] of Object.entries(docs)) batch.set(fs.doc(db, collectionPath, id), data);
  await batch.commit();
}

/** Ids of a query result, in order: for scenarios where order and membership are the point. */
export function ids(snapshot: lite.QuerySnapshot): string[] {
  return snapshot.docs.map((d) => d.id);
}

/**
 * A scenario that seeds one collection and runs one query over it, returning the full snapshot
 * (documents, order, values) or the error the server gives.
 */
export function queryScenario(
  name: string,
  docs: Docs | ((fs: Api, db: lite.Firestore, ctx: ScenarioContext) => Docs),
  constraints: Constraints,
): Scenario {
  return {
    name,
    async run(fs, db, ctx) {
      const path = ctx.col('items');
      await seed(fs, db, path, typeof docs === 'function' ? docs(fs, db, ctx) : docs);
      // query()'s overloads split composite and plain constraints; at runtime it takes any mix.
      const all = constraints(fs) as lite.QueryConstraint[];
      return ctx.outcome(() => fs.getDocs(fs.query(fs.collection(db, path), ...all)));
    },
  };
}

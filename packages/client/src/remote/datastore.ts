import type {
  Aggregation,
  BatchGetDocumentsResponse,
  CommitResponse,
  RunAggregationQueryResponse,
  RunQueryResponse,
  StructuredQuery,
  TransactionOptions,
  Write,
} from '@kindling/core';
import type { Connection } from './connection.js';
import { WatchStream } from './watch-stream.js';
import { WritePipeline } from './write-pipeline.js';

/** Typed Firestore v1 calls over a connection, for one database, and its one watch stream and write queue. */
export class Datastore {
  #watch: WatchStream | null = null;
  #writes: WritePipeline | null = null;

  constructor(
    readonly connection: Connection,
    /** projects/{p}/databases/{d} */
    readonly database: string,
  ) {}

  /** The connection's listen targets (created on first use; shared by every listener of this instance). */
  get watch(): WatchStream {
    this.#watch ??= new WatchStream(this.connection, this.database);
    return this.#watch;
  }

  /** Ordered, offline-tolerant commits (created on first use). */
  get writes(): WritePipeline {
    this.#writes ??= new WritePipeline(this.connection, this.database);
    return this.#writes;
  }

  commit(writes: Write[], transaction?: string): Promise<CommitResponse> {
    return this.connection.request('commit', {
      database: this.database,
      writes,
      ...(transaction ? { transaction } : {}),
    });
  }

  batchGet(documents: string[], transaction?: string): Promise<BatchGetDocumentsResponse[]> {
    return this.connection.request('batchGet', {
      database: this.database,
      documents,
      ...(transaction ? { transaction } : {}),
    });
  }

  runQuery(
    parent: string,
    structuredQuery: StructuredQuery,
    transaction?: string,
  ): Promise<RunQueryResponse[]> {
    return this.connection.request('runQuery', {
      parent,
      structuredQuery,
      ...(transaction ? { transaction } : {}),
    });
  }

  runAggregationQuery(
    parent: string,
    structuredQuery: StructuredQuery,
    aggregations: Aggregation[],
    transaction?: string,
  ): Promise<RunAggregationQueryResponse[]> {
    return this.connection.request('runAggregationQuery', {
      parent,
      structuredAggregationQuery: { structuredQuery, aggregations },
      ...(transaction ? { transaction } : {}),
    });
  }

  async beginTransaction(options?: TransactionOptions): Promise<string> {
    const answer = await this.connection.request('beginTransaction', {
      database: this.database,
      ...(options ? { options } : {}),
    });
    return answer.transaction;
  }

  async rollback(transaction: string): Promise<void> {
    await this.connection.request('rollback', { database: this.database, transaction });
  }
}

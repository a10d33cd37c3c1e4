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

/** Typed Firestore v1 calls over a connection, for one database. */
export class Datastore {
  constructor(
    readonly connection: Connection,
    /** projects/{p}/databases/{d} */
    readonly database: string,
  ) {}

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

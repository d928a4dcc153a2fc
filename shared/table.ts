/**
 * The one DynamoDB table, described once. The CDK data stack and the local runner both build the table from
 * this description, so local and production storage cannot drift.
 */
export const tableDefinition = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  /** Overloaded indexes: every entity decides what its gsiNpk/gsiNsk mean (see functions/lib/keys.ts). */
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: { name: 'gsi1pk', type: 'S' }, sortKey: { name: 'gsi1sk', type: 'S' } },
    { indexName: 'gsi2', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } },
    /**
     * Added after the first release (companies by membership status). DynamoDB adds one GSI per table update, so a
     * deployed table takes it in one `cdk deploy`; the local runner adds it to a store created before (ensureTable).
     */
    { indexName: 'gsi3', partitionKey: { name: 'gsi3pk', type: 'S' }, sortKey: { name: 'gsi3sk', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  /** Epoch seconds; DynamoDB deletes expired items lazily, so readers must also filter on it. */
  timeToLiveAttribute: 'expiresAt',
} as const;

export type TableDefinition = typeof tableDefinition;
export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['indexName'];

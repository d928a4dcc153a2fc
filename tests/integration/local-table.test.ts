import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { createTableInput, ensureTable } from '../../scripts/local/table';
import { tableDefinition } from '../../shared/table';

/** `npm start` on a store made by an older version: the table gains the indexes added since, filled from its items. */
describe('ensureTable on an existing local store', () => {
  it('adds the indexes the table lacks and fills them from the items already stored', async () => {
    const client = new DynamoDBClient({ endpoint: inject('dynamoEndpoint'), region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const TableName = `old-${randomUUID()}`;
    const current = createTableInput(TableName);
    const old = {
      ...current,
      GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.filter((index) => index.IndexName !== 'gsi3'),
      AttributeDefinitions: current.AttributeDefinitions!.filter((attribute) => !attribute.AttributeName!.startsWith('gsi3')),
    };
    await client.send(new CreateTableCommand(old));
    await client.send(new PutItemCommand({ TableName, Item: { pk: { S: 'T#x' }, sk: { S: 'COMPANY#1' }, gsi3pk: { S: 'T#x#STATUS#member#COMPANY' }, gsi3sk: { S: 'a#1' } } }));

    expect(await ensureTable(client, TableName)).toBe(false);
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    expect(Table!.GlobalSecondaryIndexes!.map((index) => index.IndexName).sort()).toEqual(tableDefinition.globalSecondaryIndexes.map((index) => index.indexName).sort());
    const found = await client.send(new QueryCommand({ TableName, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'T#x#STATUS#member#COMPANY' } } }));
    expect(found.Count).toBe(1);
    // A second start changes nothing.
    expect(await ensureTable(client, TableName)).toBe(false);
    client.destroy();
  });
});

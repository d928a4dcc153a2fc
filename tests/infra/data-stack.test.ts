import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { DataStack } from '../../infra/stacks/data-stack';
import { tableDefinition } from '../../shared/table';
import { cleanUp, tempDir } from './synth';

const dataTemplate = (stage: string) =>
  Template.fromStack(new DataStack(new App({ outdir: tempDir() }), `Parkpunt-${stage}-Data`, { stage }));

const tableOf = (stage: string) => {
  const template = dataTemplate(stage);
  const tables = template.findResources('AWS::DynamoDB::GlobalTable');
  expect(Object.keys(tables)).toHaveLength(1);
  return Object.values(tables)[0] as { Properties: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };
};

const keySchema = (key: { partitionKey: { name: string }; sortKey: { name: string } }) => [
  { AttributeName: key.partitionKey.name, KeyType: 'HASH' },
  { AttributeName: key.sortKey.name, KeyType: 'RANGE' },
];

afterAll(cleanUp);

describe('data stack', () => {
  const dev = tableOf('dev');

  it('has the keys and attribute definitions of shared/table.ts', () => {
    expect(dev.Properties.KeySchema).toEqual(keySchema(tableDefinition));
    const keys = [tableDefinition, ...tableDefinition.globalSecondaryIndexes].flatMap((k) => [k.partitionKey, k.sortKey]);
    expect(dev.Properties.AttributeDefinitions).toHaveLength(keys.length);
    expect(dev.Properties.AttributeDefinitions).toEqual(
      expect.arrayContaining(keys.map((k) => ({ AttributeName: k.name, AttributeType: k.type }))),
    );
  });

  it('has the GSIs of shared/table.ts, projecting all attributes', () => {
    expect(dev.Properties.GlobalSecondaryIndexes).toEqual(
      tableDefinition.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: keySchema(index),
        Projection: { ProjectionType: 'ALL' },
      })),
    );
  });

  it('is on-demand, with PITR, a NEW_AND_OLD_IMAGES stream and the TTL attribute', () => {
    expect(dev.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(dev.Properties.StreamSpecification).toEqual({ StreamViewType: tableDefinition.stream });
    expect(tableDefinition.stream).toBe('NEW_AND_OLD_IMAGES');
    expect(dev.Properties.TimeToLiveSpecification).toEqual({
      AttributeName: tableDefinition.timeToLiveAttribute,
      Enabled: true,
    });
    expect(dev.Properties.Replicas).toHaveLength(1);
    expect(dev.Properties.Replicas[0].PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('dev: no deletion protection, deleted with the stack', () => {
    expect(dev.Properties.Replicas[0].DeletionProtectionEnabled).toBe(false);
    expect(dev.DeletionPolicy).toBe('Delete');
  });

  it('prod: deletion protection, retained with the stack', () => {
    const prod = tableOf('prod');
    expect(prod.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
    expect(prod.DeletionPolicy).toBe('Retain');
    expect(prod.UpdateReplacePolicy).toBe('Retain');
  });

  it('outputs the table name', () => {
    expect(Object.keys(dataTemplate('dev').findOutputs('TableName'))).toEqual(['TableName']);
  });
});

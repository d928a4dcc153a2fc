import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../lib/dynamo';
import { umbrellaBudgetSummaryItem, type BudgetItem } from './items';

/**
 * Copies a budget's totals into its umbrella's partition (called by the rollups stream consumer for every
 * `budget` record). Why the stream and not the budget's own transaction: the budget is written with the
 * association's tenant session, whose `dynamodb:LeadingKeys` allow `T#<association>` only, so it cannot write the
 * umbrella's partition (the activities' participation role is the one exception, and it exists for exact seat
 * counts, which a copy of totals does not need). The rollups consumer already copies association figures across
 * tenants with Put-only credentials; a third stream consumer would exceed the two readers a DynamoDB stream
 * shard supports without throttling.
 *
 * Streams deliver at least once and in order per item only: each copy carries the budget's version and never
 * overwrites a copy of a newer version, so replays and late images are harmless. Budgets are never deleted.
 */
export async function mirrorBudget(image: BudgetItem): Promise<void> {
  if (!image.umbrellaId) return; // an association without an umbrella: nobody to copy to
  const copy = umbrellaBudgetSummaryItem({ ...image, umbrellaId: image.umbrellaId });
  try {
    await documentClient().send(
      new PutCommand({
        TableName: tableName(),
        Item: copy,
        ConditionExpression: 'attribute_not_exists(pk) OR budgetVersion <= :v',
        ExpressionAttributeValues: { ':v': copy.budgetVersion },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return; // a newer copy is there
    throw error;
  }
}

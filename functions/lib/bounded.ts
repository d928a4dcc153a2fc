/**
 * Maps items with at most `limit` calls in flight, results in input order. For fan-out reads (a Query per
 * activity or occurrence): unbounded Promise.all would queue hundreds of requests on the SDK's 50 sockets and
 * make every one of them wait, and in AWS burst a partition's read capacity at once.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

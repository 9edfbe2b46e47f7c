import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * How many messages of each partition of the topics a consumer group has not committed yet. A partition
 * the group never committed counts from the earliest offset still in the log.
 */
export async function partitionLags(
  admin: Admin,
  groupId: string,
  topics: string[],
): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const groupTopic = committed.find((entry) => entry.topic === topic);
    for (const end of ends) {
      const commit =
        groupTopic?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
      const from = Number(commit) >= 0 ? Number(commit) : Number(end.low);
      lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
    }
  }
  return lags;
}

/** The group's lag summed over every partition of the topics. */
export async function consumerLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  return (await partitionLags(admin, groupId, topics)).reduce((sum, partition) => sum + partition.lag, 0);
}

import type { Admin } from 'kafkajs';

/**
 * How many messages of the topics a consumer group has not committed yet, summed over partitions.
 * A partition the group never committed counts from the earliest offset still in the log.
 */
export async function consumerLag(admin: Admin, groupId: string, topics: string[]): Promise<number> {
  const committed = await admin.fetchOffsets({ groupId, topics });
  let lag = 0;
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const groupTopic = committed.find((entry) => entry.topic === topic);
    for (const end of ends) {
      const commit =
        groupTopic?.partitions.find((partition) => partition.partition === end.partition)?.offset ?? '-1';
      const from = Number(commit) >= 0 ? Number(commit) : Number(end.low);
      lag += Math.max(0, Number(end.high) - from);
    }
  }
  return lag;
}

import { LADDER_CONFIG, type LadderConfig } from '#config';
import { INPUT_TOPICS, LadderError, topicName } from '#contracts';
import { KafkaClient } from '#messaging';
import { Inject, Injectable, Logger } from '@nestjs/common';

export interface PartitionMove {
  topic: string;
  partition: number;
  from: string | null;
  to: string;
}

/**
 * `ladder replay --from <time>`: moves the scoring group back (or forward) to the first message of each
 * input partition at or after a time, for re-ingesting. Safe, since a replayed event that was taken in
 * changes nothing; Kafka allows it only while the group has no member, so the scoring workers stop first.
 */
@Injectable()
export class ReplayService {
  private readonly logger = new Logger(ReplayService.name);

  constructor(
    private readonly kafka: KafkaClient,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async moveTo(from: Date): Promise<PartitionMove[]> {
    const groupId = this.config.kafka.consumerGroup;
    const admin = this.kafka.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([groupId]);
      const members = groups[0]?.members.length ?? 0;
      if (members > 0) {
        throw new LadderError(
          'conflict',
          'group-active',
          `The consumer group ${groupId} has ${members} member(s). Stop the workers running the scoring role ` +
            '(or scale them to zero), replay, then start them again.',
        );
      }
      const moves: PartitionMove[] = [];
      for (const short of INPUT_TOPICS) {
        const topic = topicName(this.config.kafka.topicPrefix, short);
        const [atTime, ends, committed] = await Promise.all([
          admin.fetchTopicOffsetsByTimestamp(topic, from.getTime()),
          admin.fetchTopicOffsets(topic),
          admin.fetchOffsets({ groupId, topics: [topic] }),
        ]);
        const partitions = atTime.map(({ partition, offset }) => ({
          partition,
          // No message that late: the end of the partition.
          offset:
            Number(offset) >= 0 ? offset : (ends.find((end) => end.partition === partition)?.high ?? '0'),
        }));
        await admin.setOffsets({ groupId, topic, partitions });
        for (const { partition, offset } of partitions) {
          const before = committed[0]?.partitions.find((entry) => entry.partition === partition)?.offset;
          moves.push({ topic, partition, from: before && Number(before) >= 0 ? before : null, to: offset });
        }
      }
      this.logger.log({ message: 'consumer group moved for a replay', groupId, from: from.toISOString() });
      return moves;
    } finally {
      await admin.disconnect();
    }
  }
}

import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Partitioners, type Producer, type RecordMetadata, type TopicMessages } from 'kafkajs';
import { KafkaClient } from './kafka.client.js';

/** The process's one producer, connected on first use. Every message is acknowledged by all in-sync replicas. */
@Injectable()
export class KafkaProducerService implements OnApplicationShutdown {
  private producer: Producer | null = null;
  private connecting: Promise<Producer> | null = null;

  constructor(private readonly client: KafkaClient) {}

  /** Where the messages went: per topic and partition, the offset of the first. */
  async send(topicMessages: TopicMessages[]): Promise<RecordMetadata[]> {
    if (topicMessages.length === 0) return [];
    const producer = await this.connected();
    return producer.sendBatch({ topicMessages, acks: -1 });
  }

  async onApplicationShutdown(): Promise<void> {
    const producer = this.producer ?? (this.connecting ? await this.connecting.catch(() => null) : null);
    this.producer = null;
    this.connecting = null;
    await producer?.disconnect();
  }

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const producer = this.client.kafka.producer({
        allowAutoTopicCreation: false,
        // The Java client's murmur2 partitioning: a customer's events land on the same partition whoever produced them.
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}

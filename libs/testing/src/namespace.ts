import type { LadderConfig } from '#config';
import { QUEUE_NAMES } from '#contracts';
import { createKafka } from '#messaging';
import { quoteIdentifier, withMaintenanceClient } from '#persistence';
import { bullConnection } from '#queues';
import { Queue } from 'bullmq';

const TOPIC_DELETION_WAIT_MS = 60_000;

/**
 * Removes everything one Ladder namespace made: its database, its topics (waiting until Kafka has really
 * deleted them, so they can be created again at once), its consumer group and its queues. For the demo,
 * which starts every run from nothing, and for tests; never for a Ladder someone depends on.
 */
export async function removeNamespace(config: LadderConfig): Promise<void> {
  await dropDatabase(config.databaseUrl);
  const admin = createKafka(config, '-namespace-reset').admin();
  await admin.connect();
  try {
    const ours = (topic: string) => topic.startsWith(`${config.kafka.topicPrefix}.`);
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length) {
      await admin.deleteTopics({ topics });
      const deadline = Date.now() + TOPIC_DELETION_WAIT_MS;
      while ((await admin.listTopics()).some(ours)) {
        if (Date.now() > deadline) throw new Error(`Kafka did not delete ${topics.join(', ')} in time`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    const { groups } = await admin.listGroups();
    if (groups.some((group) => group.groupId === config.kafka.consumerGroup)) {
      await admin.deleteGroups([config.kafka.consumerGroup]);
    }
  } finally {
    await admin.disconnect();
  }
  await removeQueues(config);
}

/** Removes one topic (a benchmark's probe), with what it holds; a topic already gone is fine. */
export async function removeTopic(config: LadderConfig, topic: string): Promise<void> {
  const admin = createKafka(config, '-namespace-reset').admin();
  await admin.connect();
  try {
    if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

/** Removes every job queue of the configuration's queue prefix, whatever it holds. */
export async function removeQueues(config: LadderConfig): Promise<void> {
  for (const name of QUEUE_NAMES) {
    const queue = new Queue(name, { connection: bullConnection(config), prefix: config.queuePrefix });
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** Drops the database DATABASE_URL names, ending its sessions first (the demo's reset, tests). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withMaintenanceClient(databaseUrl, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(database)} WITH (FORCE)`);
  });
}

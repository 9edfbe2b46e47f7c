/** Short names of Ladder's Kafka topics; the full name is `<prefix>.<short name>.v1` (DESIGN.md §4.2–4.3). */
export const INPUT_TOPICS = ['purchases', 'surveys', 'leads'] as const;
export const OUTPUT_TOPICS = ['dlq', 'feedback', 'customer-events'] as const;

export type InputTopic = (typeof INPUT_TOPICS)[number];
export type OutputTopic = (typeof OUTPUT_TOPICS)[number];
export type LadderTopic = InputTopic | OutputTopic;

export type TopicNames = Record<LadderTopic, string>;

export function topicName(prefix: string, topic: LadderTopic): string {
  return `${prefix}.${topic}.v1`;
}

export function topicNames(prefix: string): TopicNames {
  const names = {} as TopicNames;
  for (const topic of [...INPUT_TOPICS, ...OUTPUT_TOPICS]) names[topic] = topicName(prefix, topic);
  return names;
}

/** The input topic a full topic name belongs to, or null when it is not one of this prefix's inputs. */
export function inputTopicOf(prefix: string, fullName: string): InputTopic | null {
  return INPUT_TOPICS.find((topic) => topicName(prefix, topic) === fullName) ?? null;
}

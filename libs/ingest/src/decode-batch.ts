import { decodeInputEvent, inputTopicOf, type InputEvent, type Rejection } from '#contracts';
import type { ConsumedMessage } from '#messaging';

export interface AcceptedMessage {
  message: ConsumedMessage;
  input: InputEvent;
}

export interface RejectedMessage {
  message: ConsumedMessage;
  rejection: Rejection;
}

/** Validates every message of a batch against its topic's contract: each is accepted or says why not. */
export function decodeBatch(
  topicPrefix: string,
  messages: readonly ConsumedMessage[],
): { accepted: AcceptedMessage[]; rejected: RejectedMessage[] } {
  const accepted: AcceptedMessage[] = [];
  const rejected: RejectedMessage[] = [];
  for (const message of messages) {
    const topic = inputTopicOf(topicPrefix, message.topic);
    if (topic === null)
      throw new Error(`scoring consumed ${message.topic}, which is not one of its input topics`);
    const result = decodeInputEvent(topic, message.value);
    if (result.ok) accepted.push({ message, input: result.value });
    else rejected.push({ message, rejection: result.rejection });
  }
  return { accepted, rejected };
}

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

/** How far from now an event's occurredAt may be, ahead and back (LADDER_EVENT_MAX_FUTURE, _MAX_AGE). */
export interface OccurredAtBounds {
  maxFutureMs: number;
  maxAgeMs: number;
}

/**
 * Validates every message of a batch against its topic's contract, and its occurredAt against the bounds
 * (one event dated 9999 would otherwise pin the customer's contact details and consent for good): each is
 * accepted or says why not.
 */
export function decodeBatch(
  topicPrefix: string,
  messages: readonly ConsumedMessage[],
  bounds: OccurredAtBounds,
  now = Date.now(),
): { accepted: AcceptedMessage[]; rejected: RejectedMessage[] } {
  const accepted: AcceptedMessage[] = [];
  const rejected: RejectedMessage[] = [];
  for (const message of messages) {
    const topic = inputTopicOf(topicPrefix, message.topic);
    if (topic === null)
      throw new Error(`scoring consumed ${message.topic}, which is not one of its input topics`);
    const result = decodeInputEvent(topic, message.value);
    if (!result.ok) {
      rejected.push({ message, rejection: result.rejection });
      continue;
    }
    const outOfRange = occurredAtProblem(result.value.event.occurredAt, bounds, now);
    if (outOfRange) rejected.push({ message, rejection: outOfRange });
    else accepted.push({ message, input: result.value });
  }
  return { accepted, rejected };
}

function occurredAtProblem(occurredAt: string, bounds: OccurredAtBounds, now: number): Rejection | null {
  const at = Date.parse(occurredAt);
  const latest = now + bounds.maxFutureMs;
  const earliest = now - bounds.maxAgeMs;
  if (at <= latest && at >= earliest) return null;
  const message =
    at > latest
      ? `occurredAt ${occurredAt} is more than ${bounds.maxFutureMs / 1000} s ahead of the time it was received`
      : `occurredAt ${occurredAt} is older than ${bounds.maxAgeMs / 1000} s`;
  return { code: 'occurred-at-out-of-range', message, fields: [{ path: 'occurredAt', message }] };
}

import type { Rejection } from './rejection.js';

/**
 * A message of `<prefix>.dlq.v1`: a rejected input with everything needed to fix and redrive it.
 * Its Kafka key is the original key; (source.topic, source.partition, source.offset) identifies it, so
 * a consumer that sees the same triple twice (after a redelivery) can ignore the repeat.
 */
export interface DeadLetterEvent {
  source: {
    topic: string;
    partition: number;
    offset: string;
    key: string | null;
    timestamp: string | null;
  };
  /** The original value, byte for byte, in base64; null for a message without a value. */
  valueBase64: string | null;
  reason: Rejection;
  consumerGroup: string;
  rejectedAt: string;
}

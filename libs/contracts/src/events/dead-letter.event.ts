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
    /** The key byte for byte, in base64, when `key` is not exactly it (a NUL byte, broken UTF-8). */
    keyBase64?: string;
    timestamp: string | null;
  };
  /**
   * The original value, byte for byte, in base64; null for a message without a value, and for one over
   * DEAD_LETTER_VALUE_CAP bytes, which the dead-letter table keeps whole (`valueOmitted` says so).
   */
  valueBase64: string | null;
  /** Present when the value was too large to carry: its size, and where to read it. */
  valueOmitted?: { bytes: number; reason: 'too-large' };
  reason: Rejection;
  consumerGroup: string;
  rejectedAt: string;
}

/** A rejected input as it was recorded: where it came from, its bytes and why it was refused. */
export interface RejectedInput {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  keyBytes?: Uint8Array | null;
  value: Uint8Array | null;
  reasonCode: string;
  reasonMessage: string;
  fields: unknown;
}

/**
 * The largest original a dead-letter event carries inline. Base64 grows it by a third: 256 KiB stays far
 * below the topic's 1 MiB message limit, so a dead-letter event can always be published.
 */
export const DEAD_LETTER_VALUE_CAP = 256 * 1024;

export function deadLetterEvent(
  rejected: RejectedInput,
  consumerGroup: string,
  rejectedAt: Date,
): DeadLetterEvent {
  return {
    source: {
      topic: rejected.topic,
      partition: rejected.partition,
      offset: rejected.offset,
      key: rejected.key,
      ...(rejected.keyBytes ? { keyBase64: Buffer.from(rejected.keyBytes).toString('base64') } : {}),
      timestamp: null,
    },
    ...inlineValue(rejected.value),
    reason: {
      code: rejected.reasonCode as Rejection['code'],
      message: rejected.reasonMessage,
      ...(rejected.fields ? { fields: rejected.fields as Rejection['fields'] } : {}),
    },
    consumerGroup,
    rejectedAt: rejectedAt.toISOString(),
  };
}

function inlineValue(value: Uint8Array | null): Pick<DeadLetterEvent, 'valueBase64' | 'valueOmitted'> {
  if (value === null) return { valueBase64: null };
  if (value.byteLength > DEAD_LETTER_VALUE_CAP) {
    return { valueBase64: null, valueOmitted: { bytes: value.byteLength, reason: 'too-large' } };
  }
  return { valueBase64: Buffer.from(value).toString('base64') };
}

import { LADDER_CONFIG, type LadderConfig } from '#config';
import { inputTopicOf, LadderError, type DeadLetterDto, type DeadLetterQuery } from '#contracts';
import { KafkaProducerService } from '#messaging';
import { DeadLetterRepository, type DeadLetterRecord, type DeadLetterSelection } from '#persistence';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Rejected messages: listed with their reasons, and sent back to their topic once fixed. */
@Injectable()
export class DeadLetterService {
  private readonly logger = new Logger(DeadLetterService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetterRepository,
    private readonly producer: KafkaProducerService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async list(query: DeadLetterQuery): Promise<{ items: DeadLetterDto[] }> {
    const records = await this.deadLetters.list(this.dataSource.manager, query);
    return { items: records.map(toDto) };
  }

  /**
   * Produces the message again to its source topic, with its original key: as it was (after fixing what
   * made it fail, such as a missing store) or with a corrected value. It is validated again like any input.
   */
  async redrive(id: string, correctedValue: Record<string, unknown> | undefined): Promise<DeadLetterDto> {
    const record = await this.deadLetters.find(this.dataSource.manager, id);
    if (!record) throw LadderError.notFound('The dead letter');
    this.checkSource(record);
    const value =
      correctedValue === undefined ? record.value : Buffer.from(JSON.stringify(correctedValue), 'utf8');
    await this.produceAgain(record, value);
    this.logger.log({
      message: 'dead letter redriven',
      deadLetterId: record.id,
      corrected: correctedValue !== undefined,
    });
    return toDto({ ...record, redrivenAt: new Date() });
  }

  /**
   * Redrives every dead letter the selection matches, oldest first, each as it was or with a JSON merge
   * patch (RFC 7396) applied to its value, and says where each went in its topic.
   */
  async redriveMatching(
    selection: DeadLetterSelection,
    patch: Record<string, unknown> | null,
    progress: (done: number) => void = () => undefined,
  ): Promise<RedriveAttempt[]> {
    const attempts: RedriveAttempt[] = [];
    let after = '0';
    for (;;) {
      const page = await this.deadLetters.select(this.dataSource.manager, selection, after, PAGE);
      for (const record of page) {
        attempts.push(await this.redriveOne(record, patch));
        progress(attempts.length);
      }
      if (page.length < PAGE) return attempts;
      after = page[page.length - 1]!.id;
    }
  }

  /** What became of redriven messages: taken in, dead-lettered again (and why), or not yet scored. */
  async outcomes(attempts: readonly RedriveAttempt[]): Promise<RedriveOutcome[]> {
    const sent = attempts.filter((attempt) => attempt.position !== null);
    const found = await this.deadLetters.outcomesAt(
      this.dataSource.manager,
      sent.map((attempt) => attempt.position!),
    );
    const at = new Map(
      found.map((outcome) => [`${outcome.topic}/${outcome.partition}/${outcome.offset}`, outcome]),
    );
    return attempts.map((attempt): RedriveOutcome => {
      if (!attempt.position) return { ...attempt, outcome: 'not-sent' };
      const { topic, partition, offset } = attempt.position;
      const outcome = at.get(`${topic}/${partition}/${offset}`);
      if (outcome?.deadLetter) {
        return {
          ...attempt,
          outcome: 'dead-lettered',
          reason: outcome.deadLetter.reasonCode,
          detail: outcome.deadLetter.reasonMessage,
        };
      }
      return { ...attempt, outcome: outcome?.processed ? 'accepted' : 'pending' };
    });
  }

  private async redriveOne(
    record: DeadLetterRecord,
    patch: Record<string, unknown> | null,
  ): Promise<RedriveAttempt> {
    const base = { deadLetterId: record.id, sourceTopic: record.sourceTopic };
    if (inputTopicOf(this.config.kafka.topicPrefix, record.sourceTopic) === null) {
      return { ...base, position: null, problem: 'not an input topic of this Ladder' };
    }
    let value = record.value;
    if (patch) {
      const original = parseObject(record.value);
      if (!original) return { ...base, position: null, problem: 'its value is not a JSON object to correct' };
      value = Buffer.from(JSON.stringify(mergePatch(original, patch)), 'utf8');
    }
    return { ...base, position: await this.produceAgain(record, value), problem: null };
  }

  private checkSource(record: DeadLetterRecord): void {
    if (inputTopicOf(this.config.kafka.topicPrefix, record.sourceTopic) === null) {
      throw LadderError.invalidRequest(`${record.sourceTopic} is not an input topic of this Ladder`);
    }
  }

  /** Back to its topic with its key, marked as redriven; answers where it landed. */
  private async produceAgain(record: DeadLetterRecord, value: Buffer | null): Promise<Position> {
    const [landed] = await this.producer.send([
      {
        topic: record.sourceTopic,
        messages: [
          {
            key: record.keyBytes ?? record.key,
            value,
            headers: { 'ladder-redriven-from': `dead-letter:${record.id}` },
          },
        ],
      },
    ]);
    await this.deadLetters.markRedriven(this.dataSource.manager, record.id);
    return {
      topic: landed!.topicName,
      partition: landed!.partition,
      offset: landed!.baseOffset ?? landed!.offset ?? '0',
    };
  }
}

const PAGE = 200;

interface Position {
  topic: string;
  partition: number;
  offset: string;
}

export interface RedriveAttempt {
  deadLetterId: string;
  sourceTopic: string;
  /** Where it was produced again; null when it was not (`problem` says why). */
  position: Position | null;
  problem: string | null;
}

export type RedriveOutcome = RedriveAttempt &
  (
    | { outcome: 'accepted' | 'pending' | 'not-sent' }
    | { outcome: 'dead-lettered'; reason: string; detail: string }
  );

function parseObject(value: Buffer | null): Record<string, unknown> | null {
  try {
    const parsed: unknown = value === null ? null : JSON.parse(value.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** RFC 7396: the patch's members replace the target's, null removes one, objects merge recursively. */
export function mergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const result: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (typeof value === 'object' && !Array.isArray(value)) {
      const current = result[key];
      result[key] = mergePatch(
        current !== null && typeof current === 'object' && !Array.isArray(current)
          ? (current as Record<string, unknown>)
          : {},
        value as Record<string, unknown>,
      );
    } else result[key] = value;
  }
  return result;
}

function toDto(record: DeadLetterRecord): DeadLetterDto {
  return {
    id: record.id,
    sourceTopic: record.sourceTopic,
    partition: record.partition,
    offset: record.offset,
    key: record.key,
    reason: {
      code: record.reasonCode,
      message: record.reasonMessage,
      ...(record.fields ? { fields: record.fields } : {}),
    },
    rejectedAt: record.rejectedAt.toISOString(),
    redrivenAt: record.redrivenAt?.toISOString() ?? null,
  };
}

import { LADDER_CONFIG, type LadderConfig } from '#config';
import { inputTopicOf, LadderError, type DeadLetterDto, type DeadLetterQuery } from '#contracts';
import { KafkaProducerService } from '#messaging';
import { DeadLetterRepository, type DeadLetterRecord } from '#persistence';
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
    if (inputTopicOf(this.config.kafka.topicPrefix, record.sourceTopic) === null) {
      throw LadderError.invalidRequest(`${record.sourceTopic} is not an input topic of this Ladder`);
    }
    const value =
      correctedValue === undefined ? record.value : Buffer.from(JSON.stringify(correctedValue), 'utf8');
    await this.producer.send([
      {
        topic: record.sourceTopic,
        messages: [
          { key: record.key, value, headers: { 'ladder-redriven-from': `dead-letter:${record.id}` } },
        ],
      },
    ]);
    await this.deadLetters.markRedriven(this.dataSource.manager, record.id);
    this.logger.log({
      message: 'dead letter redriven',
      deadLetterId: record.id,
      corrected: correctedValue !== undefined,
    });
    return toDto({ ...record, redrivenAt: new Date() });
  }
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

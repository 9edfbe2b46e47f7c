import { LADDER_CONFIG, type LadderConfig } from '#config';
import { topicName } from '#contracts';
import { StorePolicies } from '#directory';
import { LinkSigner } from '#mail';
import { KafkaProducerService } from '#messaging';
import { CaseRepository, CustomerRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The case a re-survey link is for, and how its page speaks to the customer. */
export interface ResurveyLink {
  caseId: string;
  customerId: string;
  storeId: string;
  storeName: string;
  locale: string;
}

/**
 * The customer's answer to a re-survey e-mail: it goes into the surveys topic like any other answer (with
 * the case's eventId, so only the first one counts), and comes back through scoring, where a higher answer
 * shows the recovery worked.
 */
@Injectable()
export class ResurveyAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly customers: CustomerRepository,
    private readonly stores: StorePolicies,
    private readonly producer: KafkaProducerService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  /** The link's case, or null for a link that is forged, expired or for a case that is gone. */
  async open(token: string): Promise<ResurveyLink | null> {
    const check = new LinkSigner(this.config.signing).verify(token, 'resurvey');
    if (!check.ok) return null;
    const manager = this.dataSource.manager;
    const followUpCase = await this.cases.find(manager, check.payload.subject, { kind: 'all' });
    if (!followUpCase) return null;
    const [customer, store] = await Promise.all([
      this.customers.find(manager, followUpCase.customerId),
      this.stores.of(manager, followUpCase.storeId),
    ]);
    return {
      caseId: followUpCase.id,
      customerId: followUpCase.customerId,
      storeId: followUpCase.storeId,
      storeName: store.label,
      locale: StorePolicies.customerLocale(customer?.locale, store),
    };
  }

  async answer(link: ResurveyLink, score: number, comment: string | undefined): Promise<void> {
    await this.producer.send([
      {
        topic: topicName(this.config.kafka.topicPrefix, 'surveys'),
        messages: [
          {
            key: link.customerId,
            value: JSON.stringify({
              eventId: `resurvey-${link.caseId}`,
              occurredAt: new Date().toISOString(),
              customer: { id: link.customerId },
              storeId: link.storeId,
              score,
              channel: 'email',
              ...(comment ? { comment } : {}),
            }),
          },
        ],
      },
    ]);
  }
}

import { LADDER_CONFIG, type LadderConfig } from '#config';
import { topicName } from '#contracts';
import { verifyLink } from '#mail';
import { KafkaProducerService } from '#messaging';
import { CaseRepository, CustomerRepository, DirectoryRepository } from '#persistence';
import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator.js';
import { CustomerPage } from './customer-page.js';
import { renderResurveyPage } from './resurvey-page.js';

const answerSchema = z.object({
  score: z.coerce.number().int().min(0).max(10),
  comment: z.string().max(4000).optional(),
});

/**
 * Where a re-survey e-mail's link leads: one question in the customer's language. The answer goes into the
 * surveys topic like any other answer (with the case's eventId, so only the first one counts), and comes
 * back through scoring: a higher answer shows the recovery worked.
 */
@Controller('r')
@Public()
export class ResurveyController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly customers: CustomerRepository,
    private readonly directory: DirectoryRepository,
    private readonly producer: KafkaProducerService,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  @Get(':token')
  @CustomerPage()
  async page(@Param('token') token: string): Promise<string> {
    const context = await this.context(token);
    if (!context) return renderResurveyPage('invalid', 'en', 'Ladder', '');
    return renderResurveyPage('ask', context.locale, context.storeName, `/r/${token}`);
  }

  @Post(':token')
  @HttpCode(200)
  @CustomerPage()
  async answer(@Param('token') token: string, @Body() body: unknown): Promise<string> {
    const context = await this.context(token);
    const parsed = answerSchema.safeParse(body);
    if (!context) return renderResurveyPage('invalid', 'en', 'Ladder', '');
    if (!parsed.success) return renderResurveyPage('ask', context.locale, context.storeName, `/r/${token}`);
    const comment = parsed.data.comment?.trim();
    await this.producer.send([
      {
        topic: topicName(this.config.kafka.topicPrefix, 'surveys'),
        messages: [
          {
            key: context.customerId,
            value: JSON.stringify({
              eventId: `resurvey-${context.caseId}`,
              occurredAt: new Date().toISOString(),
              customer: { id: context.customerId },
              storeId: context.storeId,
              score: parsed.data.score,
              channel: 'email',
              ...(comment ? { comment } : {}),
            }),
          },
        ],
      },
    ]);
    return renderResurveyPage('thanks', context.locale, context.storeName, '');
  }

  private async context(token: string) {
    if (!this.config.signingSecret) return null;
    const check = verifyLink(token, 'resurvey', this.config.signingSecret);
    if (!check.ok) return null;
    const manager = this.dataSource.manager;
    const followUpCase = await this.cases.find(manager, check.payload.subject, { kind: 'all' });
    if (!followUpCase) return null;
    const [customer, store] = await Promise.all([
      this.customers.find(manager, followUpCase.customerId),
      this.directory.findStore(manager, followUpCase.storeId),
    ]);
    return {
      caseId: followUpCase.id,
      customerId: followUpCase.customerId,
      storeId: followUpCase.storeId,
      storeName: store?.name ?? followUpCase.storeId,
      locale: customer?.locale ?? store?.locale ?? 'en',
    };
  }
}

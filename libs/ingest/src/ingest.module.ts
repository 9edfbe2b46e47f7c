import { CustomerModelModule } from '#customer-model';
import { DirectoryModule } from '#directory';
import { FollowUpModule } from '#follow-up';
import { LoyaltyModule } from '#loyalty';
import { PrivacyModule } from '#privacy';
import { Module } from '@nestjs/common';
import { DeadLetterService } from './dead-letter.service.js';
import { IngestService } from './ingest.service.js';
import { ReadModelRebuild } from './read-model-rebuild.service.js';
import { ReplayService } from './replay.service.js';

/** Scoring's use cases: a batch of input events into facts, counts and decided effects; dead letters redriven. */
@Module({
  imports: [CustomerModelModule, DirectoryModule, FollowUpModule, LoyaltyModule, PrivacyModule],
  providers: [IngestService, DeadLetterService, ReadModelRebuild, ReplayService],
  exports: [IngestService, DeadLetterService, ReadModelRebuild, ReplayService],
})
export class IngestModule {}

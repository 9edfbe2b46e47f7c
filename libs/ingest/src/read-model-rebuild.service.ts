import { CustomerSweepsService, type Progress } from '#customer-model';
import { ReadModelRepository, type NpsRebuild } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * `ladder rebuild`: every read model recomputed from the stored facts, safe while traffic flows. The NPS
 * counters are rebuilt in a fresh table and swapped in one transaction; every customer's state (rung,
 * value, RFM segment against fresh boundaries, churn risk) is derived again, page by page.
 */
@Injectable()
export class ReadModelRebuild {
  private readonly logger = new Logger(ReadModelRebuild.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly readModels: ReadModelRepository,
    private readonly sweeps: CustomerSweepsService,
  ) {}

  async rebuildNps(): Promise<NpsRebuild> {
    const rebuilt = await this.dataSource.transaction((manager) => this.readModels.rebuildNps(manager));
    this.logger.log({ message: 'NPS counters rebuilt from the answers', ...rebuilt });
    return rebuilt;
  }

  rebuildCustomers(progress?: Progress): Promise<{ customers: number; moves: number }> {
    return this.sweeps.recomputeSegments(progress);
  }
}

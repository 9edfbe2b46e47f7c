import type { Principal } from '#access';
import { LADDER_CONFIG, type LadderConfig } from '#config';
import type { NpsQuery, NpsReportDto, NpsRowDto } from '#contracts';
import { npsFigure, type NpsCounts } from '#domain';
import { NpsRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** NPS with its 95 % margin of error per group, from the read model (DESIGN.md §4.5, §5). */
@Injectable()
export class NpsReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly nps: NpsRepository,
    @Inject(LADDER_CONFIG) private readonly config: LadderConfig,
  ) {}

  async report(query: NpsQuery, principal: Principal): Promise<NpsReportDto> {
    const groups = await this.nps.counts(this.dataSource.manager, query.groupBy, query, principal.scope);
    const minimumSample = this.config.nps.minimumSample;
    const row = (key: string, counts: NpsCounts): NpsRowDto => {
      const figure = npsFigure(counts, minimumSample);
      return {
        key,
        responses: figure.responses,
        promoters: figure.promoters,
        passives: figure.passives,
        detractors: figure.detractors,
        nps: figure.nps,
        marginOfError95: figure.marginOfError95,
        lowSample: figure.lowSample,
      };
    };
    const total = groups.reduce(
      (sum, group) => ({
        promoters: sum.promoters + group.promoters,
        passives: sum.passives + group.passives,
        detractors: sum.detractors + group.detractors,
      }),
      { promoters: 0, passives: 0, detractors: 0 },
    );
    return {
      groupBy: query.groupBy,
      from: query.from ?? null,
      to: query.to ?? null,
      minimumSample,
      excludeFlagged: query.excludeFlagged,
      rows: groups.map((group) => row(group.key, group)),
      total: row('total', total),
    };
  }
}

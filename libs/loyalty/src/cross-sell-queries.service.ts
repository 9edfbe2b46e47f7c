import { canSeeStore, type Principal } from '#access';
import {
  jobId,
  LadderError,
  type CrossSellReportDto,
  type CrossSellRulesQuery,
  type CrossSellRunDto,
} from '#contracts';
import { StorePolicies } from '#directory';
import { periodInstants, type AssociationRule } from '#domain';
import { CrossSellOfferRepository, CrossSellRuleRepository } from '#persistence';
import { jobStatus, JobQueueService } from '#queues';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The cross-sell rules and their offers as managers read them, and a run on demand. */
@Injectable()
export class CrossSellQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: CrossSellRuleRepository,
    private readonly offers: CrossSellOfferRepository,
    private readonly stores: StorePolicies,
    private readonly jobs: JobQueueService,
  ) {}

  /**
   * The latest learning's rules, each with the offers made from it in the caller's stores (and the period)
   * and how many converted; rules no longer learned but with offers are listed as retired.
   */
  async report(query: CrossSellRulesQuery, principal: Principal): Promise<CrossSellReportDto> {
    // Another store's figures are not a caller's to ask for, as on every report.
    if (query.storeId && !canSeeStore(principal, query.storeId)) throw LadderError.notFound('The store');
    const manager = this.dataSource.manager;
    const period = periodInstants(query, await this.stores.timeZoneOf(manager, query.storeId ?? null));
    const [current, offers] = await Promise.all([
      this.rules.current(manager),
      this.offers.perRule(
        manager,
        { storeId: query.storeId, from: period.from ?? undefined, to: period.to ?? undefined },
        principal.scope,
      ),
    ]);
    const byRule = new Map(offers.map((row) => [`${row.antecedent}\u0000${row.consequent}`, row]));
    const statsOf = (antecedent: string, consequent: string) => {
      const row = byRule.get(`${antecedent}\u0000${consequent}`);
      byRule.delete(`${antecedent}\u0000${consequent}`);
      const made = row?.made ?? 0;
      const converted = row?.converted ?? 0;
      return { made, converted, conversionRate: made === 0 ? 0 : converted / made };
    };
    const rules = (current?.rules ?? []).map((rule, index) => ({
      antecedent: rule.antecedent,
      consequent: rule.consequent,
      rank: index + 1,
      support: rule.support,
      confidence: rule.confidence,
      lift: rule.lift,
      counts: {
        baskets: rule.baskets,
        antecedent: rule.antecedentCount,
        consequent: rule.consequentCount,
        both: rule.pairCount,
      },
      offers: statsOf(rule.antecedent, rule.consequent),
    }));
    const retired = [...byRule.values()].map((row) => ({
      antecedent: row.antecedent,
      consequent: row.consequent,
      offers: statsOf(row.antecedent, row.consequent),
    }));
    const learning = current?.learning;
    return {
      learning: learning
        ? {
            learnedAt: learning.learnedAt.toISOString(),
            windowFrom: learning.windowFrom.toISOString(),
            windowTo: learning.windowTo.toISOString(),
            baskets: learning.baskets,
            thresholds: learning.thresholds,
          }
        : null,
      rules,
      retired,
    };
  }

  /** The latest learning's rules, best first (counted across the chain, so no scope applies). */
  async latestRules(): Promise<AssociationRule[]> {
    return (await this.rules.current(this.dataSource.manager))?.rules ?? [];
  }

  /** Queues a learning and its offer sweep now; follow it with `run`. */
  async requestRun(principal: Principal): Promise<CrossSellRunDto> {
    const job = await this.jobs
      .queue('loyalty')
      .add(
        'run-cross-sell',
        { requestedBy: principal.tokenId },
        { jobId: jobId('run-cross-sell', `${Date.now()}`) },
      );
    return jobStatus<CrossSellRunDto>(job, 'waiting');
  }

  async run(id: string): Promise<CrossSellRunDto> {
    const job = id.startsWith('run-cross-sell.') ? await this.jobs.queue('loyalty').getJob(id) : undefined;
    if (!job) throw LadderError.notFound('The cross-sell run');
    return jobStatus<CrossSellRunDto>(job, await job.getState());
  }
}

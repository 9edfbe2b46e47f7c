import { recoveryOf } from '#domain';
import { CaseHistoryRepository, CaseRepository, CustomerFactRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Did the recovery work? After a case is resolved, a purchase or an answer higher than any in the case
 * means the customer came back (DESIGN.md §5). Checked in the scoring transaction for the customers a
 * batch touched, from their stored facts since the case was resolved, so a replay or a late event finds the
 * same answer.
 */
@Injectable()
export class RecoveryService {
  private readonly logger = new Logger(RecoveryService.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
    private readonly facts: CustomerFactRepository,
  ) {}

  async recordRecoveries(manager: EntityManager, customerIds: string[]): Promise<number> {
    const waiting = await this.cases.waitingRecoveries(manager, customerIds);
    if (waiting.length === 0) return 0;
    // Only facts after the earliest resolution of each customer's cases can show a recovery.
    const since = new Map<string, Date | null>();
    for (const { customerId, resolvedAt } of waiting) {
      const known = since.get(customerId);
      if (!known || resolvedAt < known) since.set(customerId, resolvedAt);
    }
    const factsByCustomer = await this.facts.loadFacts(manager, since);
    let recovered = 0;
    for (const candidate of waiting) {
      const recovery = recoveryOf(
        candidate.resolvedAt,
        candidate.highestScore,
        factsByCustomer.get(candidate.customerId) ?? [],
      );
      if (!recovery) continue;
      await this.cases.update(manager, candidate.caseId, {
        recoveryStatus: 'recovered',
        recoveredAt: recovery.at,
        recoveredBy: recovery.by,
      });
      await this.history.add(manager, candidate.caseId, 'ladder', 'recovered', {
        by: recovery.by,
        at: recovery.at.toISOString(),
      });
      this.logger.log({
        message: 'customer came back after a resolved case',
        caseId: candidate.caseId,
        by: recovery.by,
      });
      recovered += 1;
    }
    return recovered;
  }
}

import { recoveryOf, type CustomerFact } from '#domain';
import { CaseHistoryRepository, CaseRepository } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Did the recovery work? After a case is resolved, a purchase or an answer higher than any in the case
 * means the customer came back (DESIGN.md §5). Checked in the scoring transaction for the customers a
 * batch touched, from their stored facts, so a replay or a late event finds the same answer.
 */
@Injectable()
export class RecoveryService {
  private readonly logger = new Logger(RecoveryService.name);

  constructor(
    private readonly cases: CaseRepository,
    private readonly history: CaseHistoryRepository,
  ) {}

  async recordRecoveries(
    manager: EntityManager,
    factsByCustomer: Map<string, CustomerFact[]>,
  ): Promise<number> {
    const waiting = await this.cases.waitingRecoveries(manager, [...factsByCustomer.keys()]);
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

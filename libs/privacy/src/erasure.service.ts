import { customerSchema, LadderError, type CustomerErasedMessage, type CustomerErasureDto } from '#contracts';
import {
  personalValues,
  referralCode,
  REFERRAL_SUFFIX_LENGTH,
  scrubJson,
  scrubText,
  type ErasureSubject,
} from '#domain';
import { CUSTOMER_NOTIFICATION_KINDS } from '#notifications';
import { TransactionalOutbox } from '#outbox';
import { ErasureRepository, type ScrubSource } from '#persistence';
import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ErasedCustomers, pseudonymOf } from './erased-customers.service.js';

/** Who asks for an erasure, and which stores they answer for (null: every store). */
export interface ErasureRequest {
  customerId: string;
  erasedBy: string;
  via: 'api' | 'cli';
  storeIds: readonly string[] | null;
}

/** The JSON columns that may quote a customer, with the keys whose text someone typed (masked whatever it says). */
const SCRUBBED: ReadonlyArray<{ source: ScrubSource; json: string[]; freeText: string[] }> = [
  { source: 'outbox', json: ['payload'], freeText: [] },
  { source: 'case_history', json: ['details'], freeText: ['text', 'note', 'actionTaken', 'reason'] },
  { source: 'customer_events', json: ['details'], freeText: [] },
  { source: 'notifications', json: ['subject_ids'], freeText: [] },
  { source: 'customer_contacts', json: [], freeText: [] },
];

/**
 * Erases a customer (docs/privacy.md): every personal value Ladder holds about them is removed or masked,
 * every anonymous figure stays as it was under a pseudonym, the erasure is recorded (who, when, how much,
 * never whom), remembered by a keyed hash so later events store nothing personal, and announced on
 * `customer-events.v1` for the systems downstream. Doing it again changes nothing more.
 */
@Injectable()
export class ErasureService {
  private readonly logger = new Logger(ErasureService.name);

  constructor(
    private readonly transactions: TransactionalOutbox,
    private readonly erasures: ErasureRepository,
    private readonly erased: ErasedCustomers,
  ) {}

  async erase(request: ErasureRequest, now = new Date()): Promise<CustomerErasureDto> {
    // An id no event could carry was never stored: refused, rather than remembered.
    const id = customerSchema.shape.id.safeParse(request.customerId);
    if (!id.success) throw LadderError.invalidRequest(id.error.issues[0]?.message ?? 'not a customer id');
    const result = await this.transactions.run(async (transaction) => {
      const { manager } = transaction;
      // Exclusive: waits for the batches being scored, and holds new ones until this commits.
      await this.erasures.lockForErasure(manager);
      const idHash = await this.erased.idHash(manager, request.customerId);
      const pseudonym = pseudonymOf(idHash);
      const holdings = await this.erasures.holdings(manager, request.customerId, CUSTOMER_NOTIFICATION_KINDS);
      this.checkScope(request, holdings.storeIds);
      const before = await this.erasures.find(manager, idHash);
      if (before && !holdings.found) {
        return { ...dto(request, before.erasedAt, before.erasedBy, before.cleared), alreadyErased: true };
      }
      const subject: ErasureSubject = {
        id: request.customerId,
        pseudonym,
        personal: personalValues({ names: holdings.names, whole: holdings.whole }),
        swaps: new Map(
          holdings.referralCodes.map((code) => [
            code,
            referralCode(null, randomBytes(REFERRAL_SUFFIX_LENGTH)),
          ]),
        ),
      };
      const cleared = await this.clear(manager, subject, holdings.caseIds);
      const erasedAt = before?.erasedAt ?? now;
      const erasedBy = before?.erasedBy ?? request.erasedBy;
      if (before) {
        await this.erasures.addCleared(manager, idHash, cleared);
      } else {
        await this.erasures.record(manager, {
          idHash,
          pseudonym,
          erasedAt,
          erasedBy,
          via: request.via,
          cleared,
        });
      }
      const message: CustomerErasedMessage = {
        eventId: `ce-erased-${idHash.slice(0, 32)}`,
        type: 'customer-erased',
        customerId: request.customerId,
        storeId: null,
        occurredAt: erasedAt.toISOString(),
        recordedAt: now.toISOString(),
        details: {},
      };
      transaction.publish([
        { kind: 'kafka', topic: 'customer-events', key: request.customerId, value: message },
      ]);
      return { ...dto(request, erasedAt, erasedBy, cleared), found: holdings.found, alreadyErased: false };
    });
    // The id is the customer's: the log says only that an erasure happened and how much it cleared.
    this.logger.log({
      message: 'customer erased',
      via: request.via,
      alreadyErased: result.alreadyErased,
      cleared: result.cleared,
    });
    return result;
  }

  /** Only a caller who answers for every store that knows the customer may erase them. */
  private checkScope(request: ErasureRequest, storeIds: string[]): void {
    if (request.storeIds === null) return;
    const outside = storeIds.filter((storeId) => !request.storeIds!.includes(storeId));
    if (outside.length > 0 || storeIds.length === 0) {
      throw new LadderError(
        'forbidden',
        'erasure-out-of-scope',
        'The customer is known to stores outside your scope (or to none): an all-stores admin must erase them',
      );
    }
  }

  private async clear(
    manager: EntityManager,
    subject: ErasureSubject,
    caseIds: string[],
  ): Promise<Record<string, number>> {
    const cleared: Record<string, number> = {};
    const add = (table: string, rows: number) => {
      if (rows > 0) cleared[table] = (cleared[table] ?? 0) + rows;
    };
    add(
      'notifications',
      await this.erasures.suppressMail(manager, subject.id, caseIds, CUSTOMER_NOTIFICATION_KINDS),
    );
    for (const [table, rows] of Object.entries(
      await this.erasures.pseudonymise(manager, subject.id, subject.pseudonym),
    ))
      add(table, rows);
    for (const [from, to] of subject.swaps ?? [])
      add('referral_codes', await this.erasures.swapReferralCode(manager, from, to));
    // What other rows may hold: the id as a JSON string, each personal value as JSON escapes it, the old codes.
    const patterns = [
      JSON.stringify(subject.id),
      ...[...subject.personal, ...(subject.swaps?.keys() ?? [])].map((value) =>
        JSON.stringify(value).slice(1, -1),
      ),
    ];
    add(
      'dead_letters',
      await this.erasures.clearDeadLetters(manager, subject.id, subject.pseudonym, [
        ...new Set([...patterns, ...subject.personal]),
      ]),
    );
    for (const { source, json, freeText } of SCRUBBED) {
      const keys = new Set(freeText);
      const rows = await this.erasures.quoting(manager, source, {
        id: subject.id,
        pseudonym: subject.pseudonym,
        caseIds,
        patterns,
      });
      for (const row of rows) {
        const values: Record<string, unknown> = {};
        let changed = false;
        for (const [column, value] of Object.entries(row)) {
          if (column === 'row_key') continue;
          const next = json.includes(column)
            ? scrubJson(value, subject, keys)
            : typeof value === 'string'
              ? scrubText(value, subject)
              : value;
          changed ||= JSON.stringify(next) !== JSON.stringify(value);
          values[column] = json.includes(column) ? JSON.stringify(next) : next;
        }
        if (!changed) continue;
        await this.erasures.rewrite(manager, source, String(row.row_key), values);
        add(source, 1);
      }
    }
    return cleared;
  }
}

function dto(
  request: ErasureRequest,
  erasedAt: Date,
  erasedBy: string,
  cleared: Record<string, number>,
): CustomerErasureDto {
  return {
    customerId: request.customerId,
    erasedAt: erasedAt.toISOString(),
    erasedBy,
    alreadyErased: false,
    found: true,
    cleared,
  };
}

import type { InputEvent, Rejection } from '#contracts';
import type { ConsumedMessage } from '#messaging';
import { ErasureRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The id an erased customer's anonymous facts carry: a piece of the keyed hash, never the id. */
export function pseudonymOf(idHash: string): string {
  return `erased-${idHash.slice(0, 24)}`;
}

/**
 * An event of an erased customer as Ladder takes it in: counted, under the pseudonym, with nothing personal
 * (no contact, no comment, no consent to market to them).
 */
export function anonymised(input: InputEvent, pseudonym: string): InputEvent {
  const customer = { id: pseudonym };
  if (input.topic === 'surveys') {
    const { comment: _comment, ...event } = input.event;
    return { ...input, event: { ...event, customer, consent: { marketing: false } } };
  }
  if (input.topic === 'purchases') return { ...input, event: { ...input.event, customer } };
  return { ...input, event: { ...input.event, customer } };
}

/** The customers a message that could not be taken in may be about: its key, and its JSON's customer id. */
function customersNamedBy(message: ConsumedMessage): string[] {
  const named: string[] = [];
  if (message.key) named.push(message.key.toString('utf8'));
  try {
    const id = (
      JSON.parse(message.value?.toString('utf8') ?? 'null') as { customer?: { id?: unknown } } | null
    )?.customer?.id;
    if (typeof id === 'string') named.push(id);
  } catch {
    // Not JSON: the key is all it names.
  }
  return named;
}

/** Who has been erased: the memory, by keyed hash, that every later event is checked against. */
@Injectable()
export class ErasedCustomers {
  private key: Promise<string> | null = null;

  constructor(private readonly erasures: ErasureRepository) {}

  /** HMAC-SHA256 of the id with the database's erasure key: the same id always gives the same hash. */
  async idHash(manager: EntityManager, customerId: string): Promise<string> {
    const key = await this.erasureKey(manager);
    return createHmac('sha256', key).update(customerId, 'utf8').digest('hex');
  }

  /**
   * The pseudonym of each erased customer among `customerIds`, read under the erasure lock (shared, held to
   * the end of the caller's transaction), so an erasure never runs halfway through the caller's batch.
   */
  async erasedAmong(manager: EntityManager, customerIds: readonly string[]): Promise<Map<string, string>> {
    await this.erasures.lockForIngest(manager);
    const hashes = new Map<string, string>();
    for (const customerId of new Set(customerIds))
      hashes.set(await this.idHash(manager, customerId), customerId);
    const erased = await this.erasures.pseudonyms(manager, [...hashes.keys()]);
    return new Map([...erased].map(([hash, pseudonym]) => [hashes.get(hash)!, pseudonym]));
  }

  /** The key never changes once the migration made it; read it once per process. */
  private erasureKey(manager: EntityManager): Promise<string> {
    this.key ??= this.erasures.erasureKey(manager);
    this.key.catch(() => {
      this.key = null;
    });
    return this.key;
  }

  /**
   * Rejected messages as the dead-letter table may keep them: one about an erased customer keeps its
   * position and reason code only (its bytes, its fields and its message would bring their data back).
   */
  async withoutErasedData<Rejected extends { message: ConsumedMessage; rejection: Rejection }>(
    manager: EntityManager,
    rejected: Rejected[],
  ): Promise<Rejected[]> {
    if (rejected.length === 0) return rejected;
    const erased = await this.erasedAmong(
      manager,
      rejected.flatMap(({ message }) => customersNamedBy(message)),
    );
    if (erased.size === 0) return rejected;
    return rejected.map((item) => {
      const pseudonym = customersNamedBy(item.message)
        .map((customerId) => erased.get(customerId))
        .find((found) => found !== undefined);
      if (!pseudonym) return item;
      return {
        ...item,
        message: { ...item.message, key: Buffer.from(pseudonym, 'utf8'), value: null, headers: {} },
        rejection: { code: item.rejection.code, message: '[erased]' },
      };
    });
  }
}

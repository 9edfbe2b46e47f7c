import {
  contactBudget,
  contactDecision,
  type ContactBudget,
  type ContactDecision,
  type ContactKind,
  type ContactRules,
} from '#domain';
import { CustomerContactRepository } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CONTACT_RULES } from './customer-model.rules.js';

export interface ContactRequest {
  customerId: string;
  kind: ContactKind;
  /** What the message is for: loyalty-invitation, referral-ask, re-survey… */
  purpose: string;
  /** The notification that will carry the message; asking twice for the same one spends nothing more. */
  notificationKey: string;
}

/**
 * The one gate every message to a customer passes (DESIGN.md §5). Ask inside the transaction that
 * schedules the message: the decision is taken under the customer's row lock and, when allowed, the
 * contact is recorded in that same transaction, so two senders can never both spend the last place.
 */
@Injectable()
export class ContactBudgetService {
  constructor(
    private readonly contacts: CustomerContactRepository,
    @Inject(CONTACT_RULES) private readonly rules: ContactRules,
  ) {}

  async requestContact(manager: EntityManager, request: ContactRequest, now: Date): Promise<ContactDecision> {
    const history = await this.contacts.lockContactHistory(manager, request.customerId);
    if (!history) return { allowed: false, reason: 'no-consent', nextAllowedAt: null };
    if (await this.contacts.hasContact(manager, request.notificationKey)) return { allowed: true };
    const decision = contactDecision(history, request.kind, now, this.rules);
    if (decision.allowed) await this.contacts.recordContact(manager, { ...request, at: now });
    return decision;
  }

  /**
   * Records a message that answers the customer's own action (the welcome after they joined, the reward they
   * earned): never refused, since they asked for it, but counted, so it uses up the budget other messages ask.
   */
  async recordReply(manager: EntityManager, request: Omit<ContactRequest, 'kind'>, now: Date): Promise<void> {
    await this.contacts.recordContact(manager, { ...request, kind: 'service', at: now });
  }

  async budgetOf(manager: EntityManager, customerId: string, now: Date): Promise<ContactBudget | null> {
    const history = await this.contacts.contactHistory(manager, customerId);
    return history ? contactBudget(history, now, this.rules) : null;
  }
}

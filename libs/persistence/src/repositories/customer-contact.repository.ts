import type { ContactKind } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';

export interface ContactHistoryRecord {
  marketingConsent: boolean | null;
  unsubscribedAt: Date | null;
  contacts: Array<{ at: Date; kind: ContactKind }>;
}

/** What Ladder sent each customer, for the contact budget (`customer_contacts`). */
@Injectable()
export class CustomerContactRepository {
  /** Locks the customer for a contact decision and returns what the budget needs to know. */
  lockContactHistory(manager: EntityManager, customerId: string): Promise<ContactHistoryRecord | null> {
    return this.readContactHistory(manager, customerId, 'FOR UPDATE');
  }

  contactHistory(manager: EntityManager, customerId: string): Promise<ContactHistoryRecord | null> {
    return this.readContactHistory(manager, customerId, '');
  }

  async hasContact(manager: EntityManager, notificationKey: string): Promise<boolean> {
    const { rows } = await queryRows(manager, 'SELECT 1 FROM customer_contacts WHERE notification_key = $1', [
      notificationKey,
    ]);
    return rows.length > 0;
  }

  private async readContactHistory(
    manager: EntityManager,
    customerId: string,
    lock: 'FOR UPDATE' | '',
  ): Promise<ContactHistoryRecord | null> {
    const customer = await queryRows<{ marketing_consent: boolean | null; unsubscribed_at: Date | null }>(
      manager,
      `SELECT marketing_consent, unsubscribed_at FROM customers WHERE id = $1 ${lock}`,
      [customerId],
    );
    const row = customer.rows[0];
    if (!row) return null;
    const contacts = await queryRows<{ at: Date; kind: ContactKind }>(
      manager,
      'SELECT at, kind FROM customer_contacts WHERE customer_id = $1 ORDER BY at',
      [customerId],
    );
    return {
      marketingConsent: row.marketing_consent,
      unsubscribedAt: row.unsubscribed_at,
      contacts: contacts.rows,
    };
  }

  /** Records a decided contact; the notification key makes a repeat record nothing. */
  async recordContact(
    manager: EntityManager,
    contact: { customerId: string; kind: ContactKind; purpose: string; notificationKey: string; at: Date },
  ): Promise<void> {
    await queryRows(
      manager,
      `INSERT INTO customer_contacts (customer_id, kind, purpose, notification_key, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT customer_contacts_notification_key DO NOTHING`,
      [contact.customerId, contact.kind, contact.purpose, contact.notificationKey, contact.at],
    );
  }
}

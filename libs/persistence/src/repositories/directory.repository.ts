import type { Directory } from '#contracts';
import { parseDuration } from '#domain';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryRows } from '../query-rows.js';
import { unnestInsert } from '../unnest-insert.js';

// Any fixed number: directory imports from several processes take turns.
const DIRECTORY_LOCK_ID = 7_418_230_116;

export interface StoreContact {
  id: string;
  name: string;
  regionId: string;
  regionName: string;
  timezone: string;
  locale: string;
  managerName: string;
  managerEmail: string;
  regionManagerName: string;
  regionManagerEmail: string;
  followUpSlaMs: number | null;
  /** The store's own rewards; null means Ladder's default. */
  welcomeReward: StoredReward | null;
  referralReward: StoredReward | null;
  consultationReward: StoredReward | null;
  offerReward: StoredReward | null;
  pointsRule: { amountPerPoint: number; pointValueMinor: number } | null;
}

export interface StoredReward {
  amountMinor: number;
  currency: string;
  validForMs: number;
}

type DirectoryReward = { amountMinor: number; currency: string; validFor: string } | undefined;

function storedReward(reward: DirectoryReward): string | null {
  return reward
    ? JSON.stringify({
        amountMinor: reward.amountMinor,
        currency: reward.currency,
        validForMs: parseDuration(reward.validFor),
      })
    : null;
}

/** What scoring needs of a store: its region and its time zone (for the local day). */
export interface StoreRouting {
  id: string;
  regionId: string;
  timezone: string;
}

export interface DirectoryCounts {
  regions: number;
  stores: number;
  employees: number;
}

@Injectable()
export class DirectoryRepository {
  /** Makes the stored directory equal to `directory`: upserts what it lists, deletes what it no longer does. */
  async replace(manager: EntityManager, directory: Directory): Promise<DirectoryCounts> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_LOCK_ID]);
    await unnestInsert(manager, {
      table: 'regions',
      columns: [
        { name: 'id', type: 'text', value: (region: Directory['regions'][number]) => region.id },
        { name: 'name', type: 'text', value: (region) => region.name },
        { name: 'manager_name', type: 'text', value: (region) => region.manager.name },
        { name: 'manager_email', type: 'text', value: (region) => region.manager.email },
      ],
      rows: directory.regions,
      tail: `ON CONFLICT (id) DO UPDATE SET name = excluded.name, manager_name = excluded.manager_name,
             manager_email = excluded.manager_email, updated_at = now()`,
    });
    await unnestInsert(manager, {
      table: 'stores',
      columns: [
        { name: 'id', type: 'text', value: (store: Directory['stores'][number]) => store.id },
        { name: 'name', type: 'text', value: (store) => store.name },
        { name: 'region_id', type: 'text', value: (store) => store.regionId },
        { name: 'timezone', type: 'text', value: (store) => store.timezone },
        { name: 'locale', type: 'text', value: (store) => store.locale },
        { name: 'manager_name', type: 'text', value: (store) => store.manager.name },
        { name: 'manager_email', type: 'text', value: (store) => store.manager.email },
        {
          name: 'follow_up_sla_ms',
          type: 'bigint',
          value: (store) => (store.followUpSla ? parseDuration(store.followUpSla) : null),
        },
        { name: 'welcome_reward', type: 'jsonb', value: (store) => storedReward(store.rewards?.welcome) },
        { name: 'referral_reward', type: 'jsonb', value: (store) => storedReward(store.rewards?.referral) },
        {
          name: 'consultation_reward',
          type: 'jsonb',
          value: (store) => storedReward(store.rewards?.consultation),
        },
        { name: 'offer_reward', type: 'jsonb', value: (store) => storedReward(store.rewards?.offer) },
        {
          name: 'points_rule',
          type: 'jsonb',
          value: (store) => (store.points ? JSON.stringify(store.points) : null),
        },
      ],
      rows: directory.stores,
      tail: `ON CONFLICT (id) DO UPDATE SET name = excluded.name, region_id = excluded.region_id,
             timezone = excluded.timezone, locale = excluded.locale, manager_name = excluded.manager_name,
             manager_email = excluded.manager_email, follow_up_sla_ms = excluded.follow_up_sla_ms,
             welcome_reward = excluded.welcome_reward, referral_reward = excluded.referral_reward,
             consultation_reward = excluded.consultation_reward, offer_reward = excluded.offer_reward,
             points_rule = excluded.points_rule, updated_at = now()`,
    });
    await unnestInsert(manager, {
      table: 'employees',
      columns: [
        { name: 'id', type: 'text', value: (employee: Directory['employees'][number]) => employee.id },
        { name: 'name', type: 'text', value: (employee) => employee.name },
        { name: 'store_id', type: 'text', value: (employee) => employee.storeId },
      ],
      rows: directory.employees,
      tail: `ON CONFLICT (id) DO UPDATE SET name = excluded.name, store_id = excluded.store_id, updated_at = now()`,
    });
    await manager.query('DELETE FROM employees WHERE NOT (id = ANY($1::text[]))', [
      directory.employees.map((employee) => employee.id),
    ]);
    await manager.query('DELETE FROM stores WHERE NOT (id = ANY($1::text[]))', [
      directory.stores.map((store) => store.id),
    ]);
    await manager.query('DELETE FROM regions WHERE NOT (id = ANY($1::text[]))', [
      directory.regions.map((region) => region.id),
    ]);
    return {
      regions: directory.regions.length,
      stores: directory.stores.length,
      employees: directory.employees.length,
    };
  }

  async routing(manager: EntityManager, storeIds: string[]): Promise<Map<string, StoreRouting>> {
    if (storeIds.length === 0) return new Map();
    const { rows } = await queryRows<{ id: string; region_id: string; timezone: string }>(
      manager,
      'SELECT id, region_id, timezone FROM stores WHERE id = ANY($1::text[])',
      [storeIds],
    );
    return new Map(
      rows.map((row) => [row.id, { id: row.id, regionId: row.region_id, timezone: row.timezone }]),
    );
  }

  async findStore(manager: EntityManager, storeId: string): Promise<StoreContact | null> {
    return (await this.findStores(manager, [storeId])).get(storeId) ?? null;
  }

  /** The stores the directory knows among `storeIds`, with their regions' managers. */
  async findStores(manager: EntityManager, storeIds: readonly string[]): Promise<Map<string, StoreContact>> {
    if (storeIds.length === 0) return new Map();
    const { rows } = await queryRows<{
      id: string;
      name: string;
      region_id: string;
      region_name: string;
      timezone: string;
      locale: string;
      manager_name: string;
      manager_email: string;
      region_manager_name: string;
      region_manager_email: string;
      follow_up_sla_ms: string | null;
      welcome_reward: StoredReward | null;
      referral_reward: StoredReward | null;
      consultation_reward: StoredReward | null;
      offer_reward: StoredReward | null;
      points_rule: { amountPerPoint: number; pointValueMinor: number } | null;
    }>(
      manager,
      `SELECT s.id, s.name, s.region_id, r.name AS region_name, s.timezone, s.locale, s.manager_name,
              s.manager_email, r.manager_name AS region_manager_name, r.manager_email AS region_manager_email,
              s.follow_up_sla_ms::text AS follow_up_sla_ms, s.welcome_reward, s.referral_reward,
              s.consultation_reward, s.offer_reward, s.points_rule
         FROM stores s JOIN regions r ON r.id = s.region_id
        WHERE s.id = ANY($1::text[])`,
      [[...new Set(storeIds)]],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          name: row.name,
          regionId: row.region_id,
          regionName: row.region_name,
          timezone: row.timezone,
          locale: row.locale,
          managerName: row.manager_name,
          managerEmail: row.manager_email,
          regionManagerName: row.region_manager_name,
          regionManagerEmail: row.region_manager_email,
          followUpSlaMs: row.follow_up_sla_ms === null ? null : Number(row.follow_up_sla_ms),
          welcomeReward: row.welcome_reward,
          referralReward: row.referral_reward,
          consultationReward: row.consultation_reward,
          offerReward: row.offer_reward,
          pointsRule: row.points_rule,
        },
      ]),
    );
  }

  /** Each store's own follow-up SLA (null: Ladder's default). */
  async slaByStore(manager: EntityManager): Promise<Map<string, string | null>> {
    const { rows } = await queryRows<{ id: string; sla: string | null }>(
      manager,
      'SELECT id, follow_up_sla_ms::text AS sla FROM stores',
    );
    return new Map(rows.map((row) => [row.id, row.sla]));
  }

  /** Every store with what its schedules need: time zone and region. */
  async storesForSchedules(
    manager: EntityManager,
  ): Promise<Array<{ id: string; regionId: string; timezone: string }>> {
    const { rows } = await queryRows<{ id: string; region_id: string; timezone: string }>(
      manager,
      'SELECT id, region_id, timezone FROM stores ORDER BY id',
    );
    return rows.map((row) => ({ id: row.id, regionId: row.region_id, timezone: row.timezone }));
  }

  /** A region with its stores; it writes in the language and keeps the clock most of its stores use. */
  async findRegion(
    manager: EntityManager,
    regionId: string,
  ): Promise<{
    id: string;
    name: string;
    managerName: string;
    managerEmail: string;
    storeIds: string[];
    locale: string;
    timezone: string;
  } | null> {
    const { rows } = await queryRows<{
      id: string;
      name: string;
      manager_name: string;
      manager_email: string;
      store_ids: string[] | null;
      locale: string | null;
      timezone: string | null;
    }>(
      manager,
      `SELECT r.id, r.name, r.manager_name, r.manager_email,
              array_agg(s.id ORDER BY s.id) FILTER (WHERE s.id IS NOT NULL) AS store_ids,
              mode() WITHIN GROUP (ORDER BY s.locale) AS locale,
              mode() WITHIN GROUP (ORDER BY s.timezone) AS timezone
         FROM regions r LEFT JOIN stores s ON s.region_id = r.id
        WHERE r.id = $1 GROUP BY r.id`,
      [regionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      name: row.name,
      managerName: row.manager_name,
      managerEmail: row.manager_email,
      storeIds: row.store_ids ?? [],
      locale: row.locale ?? 'en',
      timezone: row.timezone ?? 'UTC',
    };
  }

  async counts(manager: EntityManager): Promise<DirectoryCounts> {
    const { rows } = await queryRows<{ regions: string; stores: string; employees: string }>(
      manager,
      `SELECT (SELECT count(*) FROM regions)::text AS regions, (SELECT count(*) FROM stores)::text AS stores,
              (SELECT count(*) FROM employees)::text AS employees`,
    );
    const row = rows[0]!;
    return { regions: Number(row.regions), stores: Number(row.stores), employees: Number(row.employees) };
  }

  async employeeNames(manager: EntityManager, employeeIds: string[]): Promise<Map<string, string>> {
    if (employeeIds.length === 0) return new Map();
    const { rows } = await queryRows<{ id: string; name: string }>(
      manager,
      'SELECT id, name FROM employees WHERE id = ANY($1::text[])',
      [employeeIds],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }
}

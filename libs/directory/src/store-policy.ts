import { LADDER_CONFIG, type LadderConfig, type RewardSpec } from '#config';
import { DirectoryRepository, type StoreContact } from '#persistence';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface Recipient {
  email: string;
  name: string | null;
}

/**
 * Everything Ladder needs to know of a store to act for it, with the fallbacks already applied: an event
 * for a store the directory does not know is still handled (DESIGN.md §4.4), by Ladder's defaults.
 */
export interface StorePolicy {
  storeId: string;
  /** Whether the directory knows the store; when it does not, every field below is a fallback. */
  known: boolean;
  /** The store's name in the directory; null when it is unknown. */
  name: string | null;
  /** The name to show a person: the directory's, else the store's id. */
  label: string;
  regionId: string | null;
  timeZone: string;
  locale: string;
  followUpSlaMs: number;
  /** Who owns the store's cases and gets its alerts: its manager, else the fallback owner. */
  manager: Recipient;
  /** The second escalation step: the region's manager, else the admin. */
  regionManager: Recipient;
  rewards: { welcome: RewardSpec; referral: RewardSpec; consultation: RewardSpec; offer: RewardSpec };
  /** How members earn points here and what a point is worth, in the store's currency (its welcome voucher's). */
  points: { amountPerPoint: number; pointValueMinor: number; currency: string };
}

export interface StorePolicyDefaults {
  followUpSlaMs: number;
  timeZone: string;
  locale: string;
  fallbackOwnerEmail: string;
  adminEmail: string;
  welcomeReward: RewardSpec;
  referralReward: RewardSpec;
  consultationReward: RewardSpec;
  offerReward: RewardSpec;
  points: { amountPerPoint: number; pointValueMinor: number };
}

/** The language of everything Ladder writes for a store that does not say. */
export const DEFAULT_LOCALE = 'en';

export function storePolicyDefaults(config: LadderConfig): StorePolicyDefaults {
  return {
    followUpSlaMs: config.followUp.defaultSlaMs,
    timeZone: config.defaultTimeZone,
    locale: DEFAULT_LOCALE,
    fallbackOwnerEmail: config.fallbackOwnerEmail,
    adminEmail: config.adminEmail,
    welcomeReward: config.loyalty.welcomeReward,
    referralReward: config.loyalty.referralReward,
    consultationReward: config.loyalty.consultationReward,
    offerReward: config.crossSell.offerReward,
    points: {
      amountPerPoint: config.loyalty.points.amountPerPoint,
      pointValueMinor: config.loyalty.points.pointValueMinor,
    },
  };
}

/** A store's policy from its directory entry (or none) and Ladder's defaults: the one place fallbacks live. */
export function storePolicy(
  storeId: string,
  store: StoreContact | null,
  defaults: StorePolicyDefaults,
): StorePolicy {
  return {
    storeId,
    known: store !== null,
    name: store?.name ?? null,
    label: store?.name ?? storeId,
    regionId: store?.regionId ?? null,
    timeZone: store?.timezone ?? defaults.timeZone,
    locale: store?.locale ?? defaults.locale,
    followUpSlaMs: store?.followUpSlaMs ?? defaults.followUpSlaMs,
    manager: store
      ? { email: store.managerEmail, name: store.managerName }
      : { email: defaults.fallbackOwnerEmail, name: null },
    regionManager: store
      ? { email: store.regionManagerEmail, name: store.regionManagerName }
      : { email: defaults.adminEmail, name: null },
    rewards: {
      welcome: store?.welcomeReward ?? defaults.welcomeReward,
      referral: store?.referralReward ?? defaults.referralReward,
      consultation: store?.consultationReward ?? defaults.consultationReward,
      offer: store?.offerReward ?? defaults.offerReward,
    },
    points: {
      ...(store?.pointsRule ?? defaults.points),
      currency: (store?.welcomeReward ?? defaults.welcomeReward).currency,
    },
  };
}

/** Reads store policies from the directory, in the caller's transaction. */
@Injectable()
export class StorePolicies {
  private readonly defaults: StorePolicyDefaults;

  constructor(
    private readonly directory: DirectoryRepository,
    @Inject(LADDER_CONFIG) config: LadderConfig,
  ) {
    this.defaults = storePolicyDefaults(config);
  }

  async of(manager: EntityManager, storeId: string): Promise<StorePolicy> {
    return storePolicy(storeId, await this.directory.findStore(manager, storeId), this.defaults);
  }

  /**
   * The time zone a period's days are read in: the store's, or Ladder's default for a report across
   * stores (no store, no query).
   */
  async timeZoneOf(manager: EntityManager, storeId: string | null): Promise<string> {
    return storeId === null ? this.defaults.timeZone : (await this.of(manager, storeId)).timeZone;
  }

  /** One policy per id asked for, known or not, in one query. */
  async ofMany(manager: EntityManager, storeIds: readonly string[]): Promise<Map<string, StorePolicy>> {
    const stores = await this.directory.findStores(manager, storeIds);
    return new Map(
      storeIds.map((storeId) => [storeId, storePolicy(storeId, stores.get(storeId) ?? null, this.defaults)]),
    );
  }

  /** The language to write to a customer in: their own, else their store's. */
  static customerLocale(customerLocale: string | null | undefined, store: StorePolicy): string {
    return customerLocale ?? store.locale;
  }
}

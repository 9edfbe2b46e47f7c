import { actorName, canSeeStore, type Principal } from '#access';
import {
  decodePageCursor,
  isUuid,
  keysetPage,
  LadderError,
  type MemberDetailDto,
  type MemberDto,
  type MemberListQuery,
  type MemberPageDto,
  type ReferralDto,
  type ReferralListQuery,
  type ReferralPageDto,
  type RewardDto,
} from '#contracts';
import { StorePolicies } from '#directory';
import { normaliseReferralCode } from '#domain';
import {
  LoyaltyRepository,
  ReferralRepository,
  RewardRepository,
  VoucherRepository,
  type MemberRecord,
  type ReferralRecord,
  type RewardRecord,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoyaltyLinks } from './loyalty-links.js';
import { ReferralService, type DecisionResult } from './referral.service.js';

const LIST_LIMIT = 100;

/** The loyalty club and its referrals as people read them, always within the caller's stores. */
@Injectable()
export class LoyaltyQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly loyalty: LoyaltyRepository,
    private readonly referrals: ReferralRepository,
    private readonly rewards: RewardRepository,
    private readonly vouchers: VoucherRepository,
    private readonly referralService: ReferralService,
    private readonly links: LoyaltyLinks,
    private readonly stores: StorePolicies,
  ) {}

  /** What a member's public share link shows: the code and the store, or nothing for a code nobody has. */
  async sharedCode(
    code: string,
  ): Promise<{ referralCode: string; locale: string; storeName: string } | null> {
    const normalised = normaliseReferralCode(code.slice(0, 64));
    const manager = this.dataSource.manager;
    const referrer = normalised ? await this.loyalty.findReferrerByCode(manager, normalised) : null;
    if (!referrer || !normalised) return null;
    const store = await this.stores.of(manager, referrer.storeId);
    return { referralCode: normalised, locale: store.locale, storeName: store.label };
  }

  async members(query: MemberListQuery, principal: Principal): Promise<MemberPageDto> {
    const after = query.cursor ? decodePageCursor(query.cursor) : undefined;
    const rows = await this.loyalty.listMembers(
      this.dataSource.manager,
      {
        storeId: query.storeId,
        limit: query.limit + 1,
        after: after && { joinedAt: after.at, customerId: after.id },
      },
      principal.scope,
    );
    return keysetPage(
      rows,
      query.limit,
      (row) => this.memberDto(row),
      (row) => ({
        at: row.joinedAtExact,
        id: row.customerId,
      }),
    );
  }

  /** One member with their reward ledger and the referrals of their code; 404 outside the caller's stores. */
  async member(customerId: string, principal: Principal): Promise<MemberDetailDto> {
    const manager = this.dataSource.manager;
    const member = await this.loyalty.findMember(manager, customerId);
    if (!member || !canSeeStore(principal, member.storeId)) throw LadderError.notFound('The member');
    const [ledger, referrals, referralCount] = await Promise.all([
      this.rewards.ofCustomer(manager, customerId, principal.scope),
      this.referrals.list(manager, { referrerId: customerId, limit: LIST_LIMIT }, principal.scope),
      this.referrals.countOfReferrer(manager, customerId, principal.scope),
    ]);
    const redemptions = await this.vouchers.redemptionsOf(
      manager,
      ledger.map((reward) => reward.id),
    );
    return {
      ...this.memberDto({ ...member, rewards: ledger.length, referrals: referralCount }),
      ledger: ledger.map((reward) => rewardDto(reward, redemptions.get(reward.id) ?? null)),
      // The newest referrals; `referrals` counts them all.
      referralList: referrals.map(referralDto),
    };
  }

  async referralPage(query: ReferralListQuery, principal: Principal): Promise<ReferralPageDto> {
    const after = query.cursor ? decodePageCursor(query.cursor) : undefined;
    if (after && !isUuid(after.id)) throw LadderError.invalidRequest('cursor is not one this API gave');
    const rows = await this.referrals.list(
      this.dataSource.manager,
      {
        status: query.status,
        storeId: query.storeId,
        referrerId: query.referrerId,
        limit: query.limit + 1,
        after: after && { createdAt: after.at, id: after.id },
      },
      principal.scope,
    );
    return keysetPage(rows, query.limit, referralDto, (row) => ({ at: row.createdAtExact, id: row.id }));
  }

  async referral(id: string, principal: Principal): Promise<ReferralDto> {
    if (!isUuid(id)) throw LadderError.notFound('The referral');
    const referral = await this.referrals.find(this.dataSource.manager, id);
    if (!referral || !canSeeStore(principal, referral.storeId)) throw LadderError.notFound('The referral');
    return referralDto(referral);
  }

  async approve(id: string, note: string | null, principal: Principal): Promise<ReferralDto> {
    if (!isUuid(id)) throw LadderError.notFound('The referral');
    return decided(
      await this.referralService.approve(id, { name: actorName(principal) }, note, principal.scope),
      'approve',
    );
  }

  async reject(id: string, reason: string, principal: Principal): Promise<ReferralDto> {
    if (!isUuid(id)) throw LadderError.notFound('The referral');
    return decided(
      await this.referralService.reject(id, { name: actorName(principal) }, reason, principal.scope),
      'reject',
    );
  }

  private memberDto(member: MemberRecord & { rewards: number; referrals: number }): MemberDto {
    return {
      customerId: member.customerId,
      storeId: member.storeId,
      joinedAt: member.joinedAt.toISOString(),
      referralCode: member.referralCode,
      shareUrl: this.links.shareUrl(member.referralCode),
      rewards: member.rewards,
      referrals: member.referrals,
    };
  }
}

function decided(result: DecisionResult, action: 'approve' | 'reject'): ReferralDto {
  if (result.outcome === 'not-found') throw LadderError.notFound('The referral');
  if (result.outcome === 'not-in-review') {
    throw new LadderError(
      'conflict',
      'invalid-transition',
      action === 'approve'
        ? `Only a referral in review can be approved; this one is ${result.status}.`
        : `Only a referral in review or cooling off can be rejected; this one is ${result.status}.`,
    );
  }
  return referralDto(result.referral);
}

/** A referral as the API shows it: its record, the code under its short name, dates in ISO-8601. */
function referralDto({
  referralCode,
  createdAtExact: _paging,
  convertedAt,
  settleAt,
  decidedAt,
  createdAt,
  ...referral
}: ReferralRecord): ReferralDto {
  return {
    ...referral,
    code: referralCode,
    convertedAt: convertedAt.toISOString(),
    settleAt: settleAt.toISOString(),
    decidedAt: decidedAt?.toISOString() ?? null,
    createdAt: createdAt.toISOString(),
  };
}

/** A reward as the API shows it: its record (the reason is Ladder's own key), dates in ISO-8601. */
function rewardDto(
  { reason: _key, issuedAt, expiresAt, ...reward }: RewardRecord,
  redemption: { purchaseEventId: string; at: Date } | null,
): RewardDto {
  return {
    ...reward,
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
    redemption: redemption && {
      purchaseEventId: redemption.purchaseEventId,
      at: redemption.at.toISOString(),
    },
  };
}

import {
  apiErrorBodySchema,
  memberDetailDtoSchema,
  memberListQuerySchema,
  memberPageDtoSchema,
  referralDtoSchema,
  referralPageDtoSchema,
  referralApproveSchema,
  referralListQuerySchema,
  referralRejectSchema,
  redemptionQuerySchema,
  redemptionReportDtoSchema,
  pointsAccountDtoSchema,
  pointsSpendDtoSchema,
  pointsSpendSchema,
  type PointsAccountDto,
  type PointsSpendDto,
  type PointsSpendRequest,
  type RedemptionQuery,
  type RedemptionReportDto,
  type MemberDetailDto,
  type MemberListQuery,
  type MemberPageDto,
  type ReferralApproveRequest,
  type ReferralDto,
  type ReferralListQuery,
  type ReferralPageDto,
  type ReferralRejectRequest,
} from '#contracts';
import { LoyaltyQueries, PointsAccountService, VoucherRedemptionService } from '#loyalty';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

/** The loyalty club's members and the referrals of their codes (docs/promoter-loop.md). */
@Controller('api')
export class LoyaltyController {
  constructor(
    private readonly loyalty: LoyaltyQueries,
    private readonly vouchers: VoucherRedemptionService,
    private readonly points: PointsAccountService,
  ) {}

  /** How many of the vouchers issued were redeemed, per store and kind, and the codes refused and why. */
  @Get('vouchers/redemption')
  @Answers(200, redemptionReportDtoSchema)
  redemption(
    @Query({ schema: redemptionQuerySchema }) query: RedemptionQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RedemptionReportDto> {
    return this.vouchers.report(query, principal);
  }

  @Get('members')
  @Answers(200, memberPageDtoSchema)
  members(
    @Query({ schema: memberListQuerySchema }) query: MemberListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MemberPageDto> {
    return this.loyalty.members(query, principal);
  }

  @Get('members/:customerId')
  @Answers(200, memberDetailDtoSchema)
  member(
    @Param('customerId') customerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MemberDetailDto> {
    return this.loyalty.member(customerId, principal);
  }

  /** A member's points: the balance, the tier and the next one, the lots soonest to expire, the ledger. */
  @Get('members/:customerId/points')
  @Answers(200, pointsAccountDtoSchema)
  pointsAccount(
    @Param('customerId') customerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PointsAccountDto> {
    return this.points.account(customerId, principal);
  }

  /**
   * Turns a member's points into a voucher at the documented rate (docs/promoter-loop.md, Points). The
   * request id makes it safe to send again: the same id answers the same voucher and spends nothing more.
   */
  @Post('members/:customerId/points/vouchers')
  @HttpCode(200)
  @Answers(200, pointsSpendDtoSchema, 'The voucher, new or (for a request id already used) the same one.')
  @Answers(409, apiErrorBodySchema, 'below-minimum or insufficient-points: the points cannot be spent')
  spendPoints(
    @Param('customerId') customerId: string,
    @Body({ schema: pointsSpendSchema }) body: PointsSpendRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PointsSpendDto> {
    return this.points.spend(customerId, body, principal);
  }

  /** `status=review` is the list of conversions a fraud check held for a manager. */
  @Get('referrals')
  @Answers(200, referralPageDtoSchema)
  referrals(
    @Query({ schema: referralListQuerySchema }) query: ReferralListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralPageDto> {
    return this.loyalty.referralPage(query, principal);
  }

  @Get('referrals/:id')
  @Answers(200, referralDtoSchema)
  referral(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ReferralDto> {
    return this.loyalty.referral(id, principal);
  }

  /** Pays the referrer of a conversion a fraud check held. */
  @Post('referrals/:id/approve')
  @HttpCode(200)
  @Answers(200, referralDtoSchema, 'The referral as it is after the decision.')
  @Answers(409, apiErrorBodySchema, 'invalid-transition: the referral is not in a state for it')
  @Roles('manager', 'admin')
  approve(
    @Param('id') id: string,
    @Body({ schema: referralApproveSchema }) body: ReferralApproveRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.loyalty.approve(id, body?.note ?? null, principal);
  }

  /** Refuses a held or cooling-off conversion: nothing is paid for it, ever. */
  @Post('referrals/:id/reject')
  @HttpCode(200)
  @Answers(200, referralDtoSchema, 'The referral as it is after the decision.')
  @Answers(409, apiErrorBodySchema, 'invalid-transition: the referral is not in a state for it')
  @Roles('manager', 'admin')
  reject(
    @Param('id') id: string,
    @Body({ schema: referralRejectSchema }) body: ReferralRejectRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.loyalty.reject(id, body.reason, principal);
  }
}

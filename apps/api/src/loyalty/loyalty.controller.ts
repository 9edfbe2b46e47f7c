import {
  memberListQuerySchema,
  referralApproveSchema,
  referralListQuerySchema,
  referralRejectSchema,
  type MemberDetailDto,
  type MemberListQuery,
  type MemberPageDto,
  type ReferralApproveRequest,
  type ReferralDto,
  type ReferralListQuery,
  type ReferralPageDto,
  type ReferralRejectRequest,
} from '#contracts';
import { LoyaltyQueries } from '#loyalty';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';
import { Roles } from '../auth/roles.decorator.js';

/** The loyalty club's members and the referrals of their codes (docs/promoter-loop.md). */
@Controller('api')
export class LoyaltyController {
  constructor(private readonly loyalty: LoyaltyQueries) {}

  @Get('members')
  members(
    @Query({ schema: memberListQuerySchema }) query: MemberListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MemberPageDto> {
    return this.loyalty.members(query, principal);
  }

  @Get('members/:customerId')
  member(
    @Param('customerId') customerId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<MemberDetailDto> {
    return this.loyalty.member(customerId, principal);
  }

  /** `status=review` is the list of conversions a fraud check held for a manager. */
  @Get('referrals')
  referrals(
    @Query({ schema: referralListQuerySchema }) query: ReferralListQuery,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralPageDto> {
    return this.loyalty.referralPage(query, principal);
  }

  @Get('referrals/:id')
  referral(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<ReferralDto> {
    return this.loyalty.referral(id, principal);
  }

  /** Pays the referrer of a conversion a fraud check held. */
  @Post('referrals/:id/approve')
  @HttpCode(200)
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
  @Roles('manager', 'admin')
  reject(
    @Param('id') id: string,
    @Body({ schema: referralRejectSchema }) body: ReferralRejectRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReferralDto> {
    return this.loyalty.reject(id, body.reason, principal);
  }
}

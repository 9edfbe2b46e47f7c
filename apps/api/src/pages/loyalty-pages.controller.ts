import {
  LoyaltyLinks,
  LoyaltyQueries,
  MembershipService,
  UnsubscribeService,
  type JoinResult,
} from '#loyalty';
import { UnsubscribeLinks } from '#notifications';
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator.js';
import { Answers, HTML } from '../docs/answers.decorator.js';
import { CustomerPage } from './customer-page.js';
import { renderJoinPage, renderReferPage, renderUnsubscribePage } from './loyalty-pages.js';

/**
 * The customer's side of the promoter loop (docs/promoter-loop.md): the invitation's signed link that makes
 * them a member, the unsubscribe link of every customer e-mail, and a member's share link.
 */
@Controller()
@Public()
export class LoyaltyPagesController {
  constructor(
    private readonly links: LoyaltyLinks,
    private readonly unsubscribeLinks: UnsubscribeLinks,
    private readonly membership: MembershipService,
    private readonly unsubscribes: UnsubscribeService,
    private readonly loyalty: LoyaltyQueries,
  ) {}

  /**
   * Opening the link changes nothing (mail scanners prefetch links): an invited customer is asked to join
   * with one click, a member sees their membership.
   */
  @Get('join/:token')
  @CustomerPage()
  @Answers(
    200,
    HTML,
    'Asks to join with one click, or shows the membership: the welcome voucher and the code.',
  )
  @Answers(404, HTML, 'The link is not valid.')
  @Answers(410, HTML, 'The link has expired.')
  async askToJoin(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const check = this.links.verifyJoin(token);
    if (!check.ok) return this.refusedJoin(check.reason, response);
    const status = await this.membership.status(check.payload.subject);
    if (status.outcome === 'not-invited') return this.refusedJoin('invalid', response);
    if (status.outcome === 'invited') {
      return renderJoinPage({
        state: 'ask',
        locale: status.locale,
        storeName: status.storeName,
        customerName: status.customerName,
        action: `/join/${token}`,
      });
    }
    return this.membershipPage(status);
  }

  /** The page's button joins: a second click shows the same membership and the same voucher. */
  @Post('join/:token')
  @HttpCode(200)
  @CustomerPage()
  @Answers(200, HTML, 'A member now (or already): the welcome voucher and the code to share.')
  @Answers(404, HTML, 'The link is not valid.')
  @Answers(410, HTML, 'The link has expired.')
  async join(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const check = this.links.verifyJoin(token);
    if (!check.ok) return this.refusedJoin(check.reason, response);
    const result = await this.membership.join(check.payload.subject);
    if (result.outcome === 'not-invited') return this.refusedJoin('invalid', response);
    return this.membershipPage(result);
  }

  /** Asks before unsubscribing: mail scanners open links, and must not unsubscribe anyone. */
  @Get('u/:token')
  @CustomerPage()
  @Answers(200, HTML, 'Asks to confirm, or says the customer is already unsubscribed.')
  @Answers(404, HTML, 'The link is not valid.')
  async askToUnsubscribe(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const check = this.unsubscribeLinks.verify(token);
    const status = check.ok ? await this.unsubscribes.status(check.payload.subject) : null;
    if (!status || status.outcome === 'unknown-customer') {
      response.status(HttpStatus.NOT_FOUND);
      return renderUnsubscribePage({ state: 'invalid' });
    }
    return renderUnsubscribePage({
      state: status.outcome === 'unsubscribed' ? 'already-unsubscribed' : 'ask',
      locale: status.locale,
      storeName: status.storeName,
      action: `/u/${token}`,
    });
  }

  /** The page's button, and RFC 8058 one-click unsubscribe from the mail client (List-Unsubscribe-Post). */
  @Post('u/:token')
  @HttpCode(200)
  @CustomerPage()
  @Answers(200, HTML, 'Unsubscribed.')
  @Answers(404, HTML, 'The link is not valid.')
  async unsubscribe(
    @Param('token') token: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const check = this.unsubscribeLinks.verify(token);
    const result = check.ok ? await this.unsubscribes.unsubscribe(check.payload.subject) : null;
    if (!result || result.outcome === 'unknown-customer') {
      response.status(HttpStatus.NOT_FOUND);
      return renderUnsubscribePage({ state: 'invalid' });
    }
    return renderUnsubscribePage({
      state: result.outcome,
      locale: result.locale,
      storeName: result.storeName,
      action: `/u/${token}`,
    });
  }

  @Get('refer/:code')
  @CustomerPage()
  @Answers(200, HTML, "The member's code and store, for a friend.")
  @Answers(404, HTML, 'No member has this code.')
  async refer(@Param('code') code: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const shared = await this.loyalty.sharedCode(code);
    if (!shared) {
      response.status(HttpStatus.NOT_FOUND);
      return renderReferPage({ state: 'invalid' });
    }
    return renderReferPage({ state: 'valid', ...shared });
  }

  private refusedJoin(reason: string, response: Response): string {
    const expired = reason === 'expired';
    response.status(expired ? HttpStatus.GONE : HttpStatus.NOT_FOUND);
    return renderJoinPage({ state: expired ? 'expired' : 'invalid' });
  }

  private membershipPage(result: Exclude<JoinResult, { outcome: 'not-invited' }>): string {
    return renderJoinPage({
      state: result.outcome,
      locale: result.locale,
      timeZone: result.timeZone,
      storeName: result.storeName,
      customerName: result.customerName,
      joinedAt: result.member.joinedAt,
      voucher: result.welcome && {
        code: result.welcome.voucherCode,
        amountMinor: result.welcome.amountMinor,
        currency: result.welcome.currency,
        expiresAt: result.welcome.expiresAt,
      },
      referralCode: result.member.referralCode,
      shareUrl: this.links.shareUrl(result.member.referralCode),
    });
  }
}

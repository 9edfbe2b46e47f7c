import { ResurveyAnswers } from '#follow-up';
import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { Public } from '../auth/public.decorator.js';
import { AcceptsForm, Answers, HTML } from '../docs/answers.decorator.js';
import { CustomerPage } from './customer-page.js';
import { renderResurveyPage } from './resurvey-page.js';

const answerSchema = z.object({
  score: z.coerce.number().int().min(0).max(10),
  comment: z.string().max(4000).optional(),
});

/** Where a re-survey e-mail's link leads: one question in the customer's language. */
@Controller('r')
@Public()
export class ResurveyController {
  constructor(private readonly resurveys: ResurveyAnswers) {}

  @Get(':token')
  @CustomerPage()
  @Answers(200, HTML, 'The question, or a page that says the link is not valid.')
  async page(@Param('token') token: string): Promise<string> {
    const link = await this.resurveys.open(token);
    if (!link) return renderResurveyPage('invalid', 'en', 'Ladder', '');
    return renderResurveyPage('ask', link.locale, link.storeName, `/r/${token}`);
  }

  @Post(':token')
  @HttpCode(200)
  @CustomerPage()
  @AcceptsForm(answerSchema)
  @Answers(200, HTML, 'Thanks; the question again for an answer it cannot read; or the link is not valid.')
  async answer(@Param('token') token: string, @Body() body: unknown): Promise<string> {
    const link = await this.resurveys.open(token);
    const parsed = answerSchema.safeParse(body);
    if (!link) return renderResurveyPage('invalid', 'en', 'Ladder', '');
    if (!parsed.success) return renderResurveyPage('ask', link.locale, link.storeName, `/r/${token}`);
    await this.resurveys.answer(link, parsed.data.score, parsed.data.comment?.trim());
    return renderResurveyPage('thanks', link.locale, link.storeName, '');
  }
}

import { Controller, Get, Param, ParseUUIDPipe, Redirect } from '@nestjs/common';
import { Public } from '../auth/public.decorator.js';

/**
 * Addresses people follow from e-mails and bookmarks. The operations UI itself is static files under /ui/
 * (see `serveOperationsUi`); its data comes from the API with the person's own session.
 */
@Controller()
@Public()
export class PagesController {
  @Get()
  @Redirect('/ui/', 302)
  home(): void {}

  /** Alert, escalation and huddle e-mails link here: the case's page in the operations UI. */
  @Get('cases/:id')
  @Redirect('/ui/', 302)
  casePage(@Param('id', new ParseUUIDPipe()) id: string): { url: string } {
    return { url: `/ui/#/cases/${id}` };
  }
}

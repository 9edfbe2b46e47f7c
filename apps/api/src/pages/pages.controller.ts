import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../auth/public.decorator.js';
import { CASE_PAGE_HTML, CASE_PAGE_SCRIPT, LADDER_CSS } from './case-page.js';

const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

/** Static pages; their data comes from the API with the person's own token. */
@Controller()
@Public()
export class PagesController {
  @Get('cases/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  casePage(): string {
    return CASE_PAGE_HTML;
  }

  @Get('assets/case-page.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  caseScript(): string {
    return CASE_PAGE_SCRIPT;
  }

  @Get('assets/ladder.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  styles(): string {
    return LADDER_CSS;
  }
}

import { Module } from '@nestjs/common';
import { MailTransportService } from './mail-transport.service.js';

/** The SMTP transport: only the notification sender talks to it. */
@Module({ providers: [MailTransportService], exports: [MailTransportService] })
export class MailModule {}

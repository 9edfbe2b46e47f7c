import { NotificationsModule } from '#notifications';
import { Module } from '@nestjs/common';
import { DirectoryLoader } from './directory-loader.js';
import { DirectoryService } from './directory.service.js';
import { DirectoryEmails } from './emails/directory-emails.js';
import { StorePolicies } from './store-policy.js';
import { UnknownStoreAlerts } from './unknown-store-alerts.service.js';

/** Regions, stores and employees, each store's policy, and the admin's alert about stores it does not list. */
@Module({
  imports: [NotificationsModule],
  providers: [DirectoryService, DirectoryLoader, StorePolicies, UnknownStoreAlerts, DirectoryEmails],
  exports: [DirectoryService, StorePolicies, UnknownStoreAlerts],
})
export class DirectoryModule {}

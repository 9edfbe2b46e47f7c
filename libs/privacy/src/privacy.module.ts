import { Module } from '@nestjs/common';
import { ErasedCustomers } from './erased-customers.service.js';
import { ErasureService } from './erasure.service.js';

/** Personal data: erasing a customer, and the memory of who was erased that ingest checks every event against. */
@Module({ providers: [ErasureService, ErasedCustomers], exports: [ErasureService, ErasedCustomers] })
export class PrivacyModule {}

import {
  apiErrorBodySchema,
  customerDtoSchema,
  customerErasureDtoSchema,
  type CustomerDto,
  type CustomerErasureDto,
} from '#contracts';
import { CustomerProfiles } from '#customer-model';
import { ErasureService } from '#privacy';
import { Controller, Delete, Get, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import type { Principal } from '#access';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api/customers')
export class CustomersController {
  constructor(
    private readonly customers: CustomerProfiles,
    private readonly erasure: ErasureService,
  ) {}

  @Get(':id')
  @Answers(200, customerDtoSchema)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    return this.customers.profile(id, principal);
  }

  /**
   * Erases the customer (docs/privacy.md). Admins only, and a store-scoped admin only a customer known to
   * their stores alone: an erasure reaches every store's data.
   */
  @Delete(':id')
  @Roles('admin')
  @Answers(200, customerErasureDtoSchema, 'The customer erased (or erased before).')
  @Answers(
    403,
    apiErrorBodySchema,
    'erasure-out-of-scope: the customer is known to stores outside the scope.',
  )
  erase(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerErasureDto> {
    return this.erasure.erase({
      customerId: id,
      erasedBy: `token ${principal.name} (${principal.tokenId})`,
      via: 'api',
      storeIds: principal.scope.kind === 'all' ? null : principal.scope.storeIds,
    });
  }
}

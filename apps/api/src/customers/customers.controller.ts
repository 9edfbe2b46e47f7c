import type { CustomerDto } from '#contracts';
import { CustomerProfiles } from '#customer-model';
import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';

@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomerProfiles) {}

  @Get(':id')
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    return this.customers.profile(id, principal);
  }
}

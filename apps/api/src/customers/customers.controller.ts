import { customerDtoSchema, type CustomerDto } from '#contracts';
import { CustomerProfiles } from '#customer-model';
import { Controller, Get, Param } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api/customers')
export class CustomersController {
  constructor(private readonly customers: CustomerProfiles) {}

  @Get(':id')
  @Answers(200, customerDtoSchema)
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    return this.customers.profile(id, principal);
  }
}

import { ApiTokens, type Principal } from '#access';
import { createTokenSchema, type CreatedTokenDto, type CreateTokenRequest, type TokenDto } from '#contracts';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';

@Controller('api/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Post()
  create(
    @Body({ schema: createTokenSchema }) request: CreateTokenRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedTokenDto> {
    return this.tokens.create(request, principal);
  }

  @Get()
  list(): Promise<{ items: TokenDto[] }> {
    return this.tokens.list();
  }

  @Delete(':id')
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TokenDto> {
    return this.tokens.revoke(id, principal);
  }
}

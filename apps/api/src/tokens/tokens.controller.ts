import { ApiTokens, type Principal } from '#access';
import {
  apiErrorBodySchema,
  createdTokenDtoSchema,
  createTokenSchema,
  tokenDtoSchema,
  tokenListDtoSchema,
  type CreatedTokenDto,
  type CreateTokenRequest,
  type TokenDto,
} from '#contracts';
import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Roles } from '../auth/roles.decorator.js';
import { Answers } from '../docs/answers.decorator.js';

@Controller('api/tokens')
@Roles('admin')
export class TokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Post()
  @Answers(201, createdTokenDtoSchema, 'The token, with its secret: shown this once.')
  @Answers(403, apiErrorBodySchema, 'token-wider-than-caller: a scope beyond the caller’s own.')
  create(
    @Body({ schema: createTokenSchema }) request: CreateTokenRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CreatedTokenDto> {
    return this.tokens.create(request, principal);
  }

  @Get()
  @Answers(200, tokenListDtoSchema)
  list(@CurrentPrincipal() principal: Principal): Promise<{ items: TokenDto[] }> {
    return this.tokens.list(principal);
  }

  @Delete(':id')
  @Answers(200, tokenDtoSchema, 'The token, revoked.')
  revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal): Promise<TokenDto> {
    return this.tokens.revoke(id, principal);
  }
}

import { Module } from '@nestjs/common';
import { ApiTokens } from './api-tokens.service.js';
import { AuthenticationService } from './authentication.service.js';

/** Who is calling: API tokens, their roles and scopes, and the bootstrap admin token. */
@Module({ providers: [AuthenticationService, ApiTokens], exports: [AuthenticationService, ApiTokens] })
export class AccessModule {}

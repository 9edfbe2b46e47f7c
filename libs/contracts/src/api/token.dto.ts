import { parseDuration } from '#domain';
import { z } from 'zod';
import { instant, listOf } from './wire.js';

export const TOKEN_ROLES = ['agent', 'manager', 'admin'] as const;

/** `POST /api/tokens`: a role and a scope (every store, or some stores and/or regions). */
export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
    role: z.enum(TOKEN_ROLES, { error: `must be one of ${TOKEN_ROLES.join(', ')}` }),
    allStores: z.boolean().default(false),
    storeIds: z.array(z.string().min(1).max(64)).max(500).default([]),
    regionIds: z.array(z.string().min(1).max(64)).max(100).default([]),
    expiresIn: z
      .string()
      .refine((value) => parseDuration(value) !== null, { error: 'must be a duration such as 90d' })
      .optional(),
  })
  .refine((token) => token.allStores || token.storeIds.length > 0 || token.regionIds.length > 0, {
    error: 'a token needs a scope: allStores, storeIds or regionIds',
    path: ['allStores'],
  })
  .refine((token) => !token.allStores || (token.storeIds.length === 0 && token.regionIds.length === 0), {
    error: 'allStores and a list of stores or regions exclude each other',
    path: ['allStores'],
  });

export type CreateTokenRequest = z.infer<typeof createTokenSchema>;

const tokenShape = {
  id: z.string(),
  name: z.string(),
  role: z.enum(TOKEN_ROLES),
  allStores: z.boolean(),
  storeIds: z.array(z.string()),
  regionIds: z.array(z.string()),
  prefix: z.string().meta({ description: 'The first characters, to tell tokens apart.' }),
  createdAt: instant,
  createdBy: z.string(),
  expiresAt: instant.nullable(),
  revokedAt: instant.nullable(),
  lastUsedAt: instant.nullable(),
};

export const tokenDtoSchema = z
  .object(tokenShape)
  .meta({ id: 'Token', description: 'An API token, without its secret.' });
export type TokenDto = z.infer<typeof tokenDtoSchema>;

export const tokenListDtoSchema = listOf(tokenDtoSchema, 'TokenList', 'Every API token.');
export type TokenListDto = z.infer<typeof tokenListDtoSchema>;

export const createdTokenDtoSchema = z.object({ ...tokenShape, token: z.string() }).meta({
  id: 'CreatedToken',
  description: 'Only in the answer to its creation: the token itself, never stored nor shown again.',
});
export type CreatedTokenDto = z.infer<typeof createdTokenDtoSchema>;

export const sessionRequestSchema = z.object({ token: z.string().min(1).max(500) });

export const sessionDtoSchema = z
  .object({
    id: z.string().meta({ description: "The caller's id: the `ownerId` of the cases they claimed." }),
    name: z.string(),
    role: z.enum(TOKEN_ROLES),
    scope: z.object({ allStores: z.boolean(), storeIds: z.array(z.string()) }),
  })
  .meta({ id: 'Session', description: 'Who the caller is, and what they may see.' });
export type SessionDto = z.infer<typeof sessionDtoSchema>;

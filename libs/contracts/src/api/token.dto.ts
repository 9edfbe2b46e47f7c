import { parseDuration } from '#domain';
import { z } from 'zod';

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

export interface TokenDto {
  id: string;
  name: string;
  role: (typeof TOKEN_ROLES)[number];
  allStores: boolean;
  storeIds: string[];
  regionIds: string[];
  /** The first characters, to tell tokens apart. */
  prefix: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** Only in the answer to its creation: the token itself, never stored nor shown again. */
export interface CreatedTokenDto extends TokenDto {
  token: string;
}

export const sessionRequestSchema = z.object({ token: z.string().min(1).max(500) });

export interface SessionDto {
  /** The caller's id: the `ownerId` of the cases they claimed. */
  id: string;
  name: string;
  role: (typeof TOKEN_ROLES)[number];
  scope: { allStores: boolean; storeIds: string[] };
}

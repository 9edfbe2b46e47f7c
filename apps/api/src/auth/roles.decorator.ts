import { SetMetadata } from '@nestjs/common';
import type { Role } from '#access';
import { ALL_STORES_ONLY, REQUIRED_ROLES } from './public.decorator.js';

/** Limits a route to some roles; without it, any valid token may call (its scope still applies). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * Limits a route to tokens for every store: what it reads or changes (dead letters, every e-mail, the stuck
 * work of every queue) belongs to no one store, so a store-scoped token would see beyond its scope.
 */
export const AllStores = () => SetMetadata(ALL_STORES_ONLY, true);

import { SetMetadata } from '@nestjs/common';
import type { Role } from '#access';
import { REQUIRED_ROLES } from './public.decorator.js';

/** Limits a route to some roles; without it, any valid token may call (its scope still applies). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

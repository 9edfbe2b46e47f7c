import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'ladder:public-route';

/** Marks a route that needs no token (health probes, static pages). Everything else does. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

export const REQUIRED_ROLES = 'ladder:required-roles';

export const ALL_STORES_ONLY = 'ladder:all-stores-only';

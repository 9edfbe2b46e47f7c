import type { Role } from '#access';
import { ParseUUIDPipe, RequestMethod, type Type } from '@nestjs/common';
import {
  HEADERS_METADATA,
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  REDIRECT_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { MetadataScanner, Reflector } from '@nestjs/core';
import { ALL_STORES_ONLY, PUBLIC_ROUTE, REQUIRED_ROLES } from '../auth/public.decorator.js';
import { RATE_LIMIT, type RateLimitKind } from '../limits/rate-limit.decorator.js';
import { ROUTE_ANSWERS, ROUTE_FORM_BODY, type RouteAnswer } from './answers.decorator.js';

/** An argument of a route handler that comes from the request, with the schema the validation pipe applies. */
export interface RouteInput {
  /** The name given to the decorator (`@Param('id')`, `@Query('limit')`), or none for the whole object. */
  name?: string;
  /** `@Query({ schema })`, `@Body({ schema })`: what `StandardSchemaValidationPipe` validates it with. */
  schema?: unknown;
  /** `new ParseUUIDPipe()` on a path parameter. */
  uuid: boolean;
}

/** One route as Nest serves it, read from the metadata its decorators left on the controller. */
export interface ApiRoute {
  method: string;
  /** Nest's (Express's) form: `/api/cases/:id`. */
  path: string;
  controller: string;
  handler: string;
  isPublic: boolean;
  roles: Role[] | undefined;
  /** `@AllStores()`: refused (403) to a store-scoped token. */
  allStoresOnly: boolean;
  /** The rate limit the route counts against (`@RateLimit`, else `api`, or `pages` when public). */
  rateLimit: RateLimitKind;
  params: RouteInput[];
  query: RouteInput[];
  body: RouteInput | undefined;
  /** `@AcceptsForm(schema)`: a form the handler reads itself. */
  formBody: unknown;
  answers: RouteAnswer[];
  /** `@HttpCode`, or Nest's default (201 for POST, 200 otherwise). */
  status: number;
  redirect: { url: string; statusCode: number } | undefined;
  /** `@Header('Content-Type', …)`. */
  contentType: string | undefined;
}

const reflector = new Reflector();
const scanner = new MetadataScanner();

/** Every route of the controllers, in their order, as Nest registers them (controller path + method path). */
export function apiRoutesOf(controllers: readonly Type[]): ApiRoute[] {
  return controllers.flatMap((controller) => {
    const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    return scanner.getAllMethodNames(controller.prototype).flatMap((handlerName) => {
      const handler = controller.prototype[handlerName] as (...args: unknown[]) => unknown;
      const routePath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (routePath === undefined) return [];
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const methods =
        requestMethod === RequestMethod.ALL
          ? ['get', 'post', 'put', 'delete', 'patch']
          : [RequestMethod[requestMethod].toLowerCase()];
      const details = routeDetails(controller, handlerName, handler);
      return prefixes.flatMap((prefix) =>
        pathsOf(routePath).flatMap((path) =>
          methods.map((method): ApiRoute => ({
            method,
            path: joinPaths(prefix, path),
            controller: controller.name,
            handler: handlerName,
            ...details,
            status:
              (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
              (method === 'post' ? 201 : 200),
          })),
        ),
      );
    });
  });
}

function routeDetails(controller: Type, handlerName: string, handler: (...args: unknown[]) => unknown) {
  const targets = [handler, controller];
  const inputs = routeInputs(controller, handlerName);
  const headers = (Reflect.getMetadata(HEADERS_METADATA, handler) ?? []) as Array<{
    name: string;
    value: string;
  }>;
  return {
    isPublic: reflector.getAllAndOverride<boolean | undefined, string>(PUBLIC_ROUTE, targets) === true,
    roles: reflector.getAllAndOverride<Role[] | undefined, string>(REQUIRED_ROLES, targets),
    allStoresOnly:
      reflector.getAllAndOverride<boolean | undefined, string>(ALL_STORES_ONLY, targets) === true,
    rateLimit:
      reflector.getAllAndOverride<RateLimitKind | undefined, string>(RATE_LIMIT, targets) ??
      (reflector.getAllAndOverride<boolean | undefined, string>(PUBLIC_ROUTE, targets) ? 'pages' : 'api'),
    params: inputs.filter((input) => input.type === RouteParamtypes.PARAM),
    query: inputs.filter((input) => input.type === RouteParamtypes.QUERY),
    body: inputs.find((input) => input.type === RouteParamtypes.BODY),
    formBody: Reflect.getMetadata(ROUTE_FORM_BODY, handler) as unknown,
    answers: (Reflect.getMetadata(ROUTE_ANSWERS, handler) ?? []) as RouteAnswer[],
    redirect: Reflect.getMetadata(REDIRECT_METADATA, handler) as ApiRoute['redirect'],
    contentType: headers.find((header) => header.name.toLowerCase() === 'content-type')?.value,
  };
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  schema?: unknown;
}

/** The handler's arguments from the request (`@Param`, `@Query`, `@Body`); custom decorators are left out. */
function routeInputs(controller: Type, handlerName: string): Array<RouteInput & { type: RouteParamtypes }> {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<
    string,
    RouteArgument
  >;
  return Object.entries(args).flatMap(([key, argument]) => {
    const type = Number(key.split(':')[0]);
    if (![RouteParamtypes.PARAM, RouteParamtypes.QUERY, RouteParamtypes.BODY].includes(type)) return [];
    return [
      {
        type,
        ...(typeof argument.data === 'string' ? { name: argument.data } : {}),
        ...(argument.schema === undefined ? {} : { schema: argument.schema }),
        uuid: (argument.pipes ?? []).some((pipe) => pipe instanceof ParseUUIDPipe || pipe === ParseUUIDPipe),
      },
    ];
  });
}

function pathsOf(path: string | string[] | undefined): string[] {
  if (path === undefined) return ['/'];
  return Array.isArray(path) ? path : [path];
}

function joinPaths(prefix: string, path: string): string {
  const joined = `/${[prefix, path]
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/')}`;
  return joined;
}

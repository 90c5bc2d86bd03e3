import { commandRoutes } from './command-routes.js';
import { healthSpec, metricsSpec, openApiSpec, readinessSpec } from './operational-routes.js';
import { queryRoutes } from './query-routes.js';
import type { ApiRoute, RouteSpec } from './route-spec.js';

/** Every /v1 route: the commands, then the read models. */
export const apiRoutes: readonly ApiRoute[] = [...commandRoutes, ...queryRoutes];

/** Every route the OpenAPI document describes. */
export const documentedRoutes: readonly RouteSpec[] = [...apiRoutes.map((route) => route.spec), healthSpec, readinessSpec, metricsSpec, openApiSpec];

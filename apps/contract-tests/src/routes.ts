// Maps a request (method + URL path) back to the operation of the spec that documents it.
import type { Operation } from './spec.js';

export interface RouteMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

export function routeMatcher(operations: Operation[]) {
  const routes = operations.map((operation) => {
    const names: string[] = [];
    const pattern = operation.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    // Literal segments win over templated ones (`/v1/wallet/transactions` before `/v1/wallet/{id}`).
    return { operation, names, regex: new RegExp(`^${pattern}/?$`), literal: names.length === 0 };
  });
  routes.sort((a, b) => Number(b.literal) - Number(a.literal));
  return (method: string, pathname: string): RouteMatch | undefined => {
    for (const route of routes) {
      if (route.operation.method !== method.toUpperCase()) continue;
      const m = route.regex.exec(pathname);
      if (m) {
        const pathParams = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
        return { operation: route.operation, pathParams };
      }
    }
    return undefined;
  };
}

import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/library`, `#/chat/<sessionId>`, `#/viewer?doc=..&page=..`. Hash routing
 * works identically under file:// (Electron) and http:// (web host) and needs no server rewrites.
 */
export const ROUTES = ['chat', 'library', 'sessions', 'training', 'models', 'status', 'team', 'viewer'] as const;
export type RouteName = (typeof ROUTES)[number];

export interface Route {
  name: RouteName;
  /** Path segments after the route name, e.g. ['abc'] for `#/chat/abc`. */
  params: string[];
  query: Record<string, string>;
}

export const DEFAULT_ROUTE: RouteName = 'chat';

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path = '', search = ''] = raw.split('?', 2);
  const [first = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const name = (ROUTES as readonly string[]).includes(first) ? (first as RouteName) : DEFAULT_ROUTE;
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = v;
  return { name, params: name === first ? rest : [], query };
}

export function routeHref(name: RouteName, params: string[] = [], query: Record<string, string | number> = {}): string {
  const path = [name, ...params.map(encodeURIComponent)].join('/');
  const qs = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)])).toString();
  return `#/${path}${qs ? `?${qs}` : ''}`;
}

/** Navigate programmatically, e.g. `navigate('viewer', [], { doc: id, page: 12 })`. */
export function navigate(name: RouteName, params: string[] = [], query: Record<string, string | number> = {}): void {
  window.location.hash = routeHref(name, params, query);
}

const subscribe = (cb: () => void): (() => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

let lastHash = '';
let lastRoute: Route = parseHash('');
const getSnapshot = (): Route => {
  // Cache by hash so useSyncExternalStore sees a stable object between renders.
  if (window.location.hash !== lastHash) {
    lastHash = window.location.hash;
    lastRoute = parseHash(lastHash);
  }
  return lastRoute;
};

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

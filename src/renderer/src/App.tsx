import { useEffect, useRef, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { EmptyState } from './components/EmptyState';
import { LiveRegion } from './components/LiveRegion';
import { ToastHost } from './components/Toast';
import { StatusPage } from './features/status/StatusPage';
import { selectTheme } from './features/settings/settingsStore';
import { useAppStores } from './lib/appContext';
import { routeHref, useRoute, type RouteName } from './lib/router';
import { applyTheme } from './lib/theme';
import { ConnectionIndicator } from './ConnectionIndicator';

/*
 * Part B's screens plug in here. Until src/renderer/src/features/{chat,sessions,viewer} export
 * `ChatPage`, `SessionsPage` and `CitationViewer`, their routes render a placeholder.
 * When they land: import them and replace the placeholders in PAGES below.
 */
function Placeholder({ title }: { title: string }) {
  return (
    <div className="placeholder-page">
      <EmptyState icon="🛠" title={`${title} is coming`}>
        This screen is being built. Meanwhile, import your manuals in the Library.
      </EmptyState>
    </div>
  );
}

const NAV: Array<{ route: RouteName; label: string; icon: string }> = [
  { route: 'chat', label: 'Chat', icon: '💬' },
  { route: 'library', label: 'Library', icon: '📚' },
  { route: 'sessions', label: 'Sessions', icon: '🗂' },
  { route: 'models', label: 'Models', icon: '🧠' },
  { route: 'status', label: 'Status', icon: '📈' }
];

const PAGES: Record<RouteName, () => ReactNode> = {
  chat: () => <Placeholder title="Chat" />,
  library: () => <Placeholder title="Library" />,
  sessions: () => <Placeholder title="Sessions" />,
  models: () => <Placeholder title="Models & settings" />,
  status: () => <StatusPage />,
  viewer: () => <Placeholder title="Citation viewer" />
};

export function App() {
  const route = useRoute();
  const stores = useAppStores();
  const theme = useStore(stores.settings, selectTheme);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => applyTheme(theme), [theme]);

  // Move focus to the page on navigation so keyboard and screen-reader users land on the new content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [route.name]);

  // The viewer is reached from Chat; keep Chat highlighted in the nav while it is open.
  const navActive: RouteName = route.name === 'viewer' ? 'chat' : route.name;

  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          Benchmate
        </div>
        <nav className="nav" aria-label="Main">
          {NAV.map((n) => (
            <a key={n.route} className="nav-link" href={routeHref(n.route)} aria-current={navActive === n.route ? 'page' : undefined}>
              <span className="nav-icon" aria-hidden="true">
                {n.icon}
              </span>
              {n.label}
            </a>
          ))}
        </nav>
        <div className="sidebar-footer">
          <ConnectionIndicator />
        </div>
      </aside>
      <main id="main" className="main" ref={mainRef} tabIndex={-1} aria-label={NAV.find((n) => n.route === navActive)?.label}>
        {PAGES[route.name]()}
      </main>
      <ToastHost />
      <LiveRegion />
    </div>
  );
}

import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { Icon, type IconName } from './components/Icon';
import { LiveRegion } from './components/LiveRegion';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { ToastHost } from './components/Toast';
import { ChatPage } from './features/chat/ChatPage';
import { LibraryPage } from './features/library/LibraryPage';
import { ModelsPage } from './features/models/ModelsPage';
import { SessionsPage } from './features/sessions/SessionsPage';
import { CitationViewer } from './features/viewer/CitationViewer';
import { StatusPage } from './features/status/StatusPage';
import { TrainingPage } from './features/training/TrainingPage';
import { selectTheme } from './features/settings/settingsStore';
import { useAppStores } from './lib/appContext';
import { navigate, routeHref, useRoute, type RouteName } from './lib/router';
import { applyTheme } from './lib/theme';
import { formatCombo, registerShortcut } from './lib/shortcuts';
import { ConnectionIndicator } from './ConnectionIndicator';
import { AccountBox } from './features/access/AccountBox';
import { AppearanceMenu } from './features/settings/AppearanceMenu';
import { SignInPage } from './features/access/SignInPage';
import { selectIsAdmin, selectSignedIn } from './features/access/accessStore';
import { TeamPage } from './features/escalations/TeamPage';
import { resyncStores } from './lib/connectEvents';

const NAV: Array<{ route: RouteName; label: string; icon: IconName; adminOnly?: boolean }> = [
  { route: 'chat', label: 'Chat', icon: 'chat' },
  { route: 'library', label: 'Library', icon: 'library' },
  { route: 'sessions', label: 'Sessions', icon: 'sessions' },
  { route: 'training', label: 'Training', icon: 'training' },
  { route: 'models', label: 'Models', icon: 'models', adminOnly: true },
  { route: 'status', label: 'Status', icon: 'status' },
  { route: 'team', label: 'Team', icon: 'lock', adminOnly: true }
];

const PAGES: Record<RouteName, () => ReactNode> = {
  // Chat, Sessions and the citation viewer are part B's screens (features/{chat,sessions,viewer}).
  chat: () => <ChatPage />,
  library: () => <LibraryPage />,
  sessions: () => <SessionsPage />,
  training: () => <TrainingPage />,
  models: () => <ModelsPage />,
  status: () => <StatusPage />,
  team: () => <TeamPage />,
  viewer: () => <CitationViewer variant="page" />
};

/** Until this window/tab is signed in (a fresh install is signed in as its first admin), only the sign-in page. */
export function App() {
  const stores = useAppStores();
  const signedIn = useStore(stores.access, selectSignedIn);
  const profileId = useStore(stores.access, (s) => s.status?.me?.profileId);
  // Everything loaded before the sign-in was refused: load it as the person now signed in.
  useEffect(() => {
    if (profileId) void resyncStores(stores).then(() => stores.escalations.getState().load());
  }, [profileId, stores]);
  return signedIn ? <Shell /> : <SignInPage />;
}

function Shell() {
  const route = useRoute();
  const stores = useAppStores();
  const isAdmin = useStore(stores.access, selectIsAdmin);
  const theme = useStore(stores.settings, selectTheme);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  const [showShortcuts, setShowShortcuts] = useState(false);

  useEffect(() => applyTheme(theme), [theme]);
  useEffect(() => {
    // Global fallbacks: while the Chat page is open its own (more recent) registrations win.
    const offs = [
      registerShortcut({ combo: 'mod+/', description: 'Show keyboard shortcuts', handler: () => setShowShortcuts((v) => !v) }),
      registerShortcut({
        combo: 'mod+n',
        description: 'New chat',
        handler: () => {
          stores.chat.getState().newChat();
          navigate('chat');
        }
      }),
      registerShortcut({ combo: 'mod+l', description: 'Focus the question box', handler: () => navigate('chat') })
    ];
    return () => offs.forEach((off) => off());
  }, [stores.chat]);

  // Move focus to the page on navigation so keyboard and screen-reader users land on the new content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [route.name]);

  // The viewer is reached from Chat or the Library: keep the page it was opened from highlighted.
  const lastPage = useRef<RouteName>('chat');
  if (route.name !== 'viewer') lastPage.current = route.name;
  const navActive: RouteName = route.name === 'viewer' ? lastPage.current : route.name;

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
          <span className="brand-name">Benchmate</span>
        </div>
        <nav className="nav" aria-label="Main">
          {NAV.filter((n) => !n.adminOnly || isAdmin).map((n) => (
            <a key={n.route} className="nav-link" href={routeHref(n.route)} title={n.label} aria-current={navActive === n.route ? 'page' : undefined}>
              <Icon name={n.icon} />
              <span className="nav-label">{n.label}</span>
            </a>
          ))}
        </nav>
        <div className="sidebar-footer">
          <button type="button" className="link-button sidebar-link" onClick={() => setShowShortcuts(true)} title={`Keyboard shortcuts (${formatCombo('mod+/')})`}>
            <span className="nav-label">Keyboard shortcuts</span>
            <span className="rail-only" aria-hidden="true">
              ?
            </span>
          </button>
          <AppearanceMenu />
          <AccountBox />
          <ConnectionIndicator />
        </div>
      </aside>
      <main id="main" className="main" ref={mainRef} tabIndex={-1} aria-label={route.name === 'viewer' ? 'Document viewer' : NAV.find((n) => n.route === navActive)?.label}>
        {PAGES[route.name]()}
      </main>
      {showShortcuts && <ShortcutsDialog onClose={() => setShowShortcuts(false)} />}
      <ToastHost />
      <LiveRegion />
    </div>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createAppStores } from './appStores';
import { AppProvider } from './lib/appContext';
import { getApi, onConnectionState } from './lib/api';
import { connectEvents, resyncStores } from './lib/connectEvents';
import { applyTheme } from './lib/theme';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/library.css';

// Startup, in order: one api, one set of stores, events connected once, initial data, then render.
const api = getApi();
const stores = createAppStores(api);
connectEvents(api, stores);
applyTheme('system');
// Who this window/tab is first (a reloaded web page resumes its sign-in); the rest loads once signed in (App).
void stores.access.getState().resume();

// Web host: after a reconnect, reload state whose change events were missed while offline.
let wasOpen = false;
onConnectionState((state) => {
  if (state !== 'open') return;
  if (wasOpen) void resyncStores(stores);
  wasOpen = true;
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProvider api={api} stores={stores}>
      <App />
    </AppProvider>
  </StrictMode>
);

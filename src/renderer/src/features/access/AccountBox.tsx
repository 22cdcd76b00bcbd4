import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useAppStores } from '../../lib/appContext';

/**
 * Sidebar footer: who is signed in, the admin lock (open / closed, with the PIN to reopen it) and
 * sign-out. Signing out reloads the page so nothing of the previous person's data stays in memory.
 */
export function AccountBox() {
  const { access } = useAppStores();
  const status = useStore(access, (s) => s.status);
  const busy = useStore(access, (s) => s.busy);
  const [pin, setPin] = useState('');
  const [asking, setAsking] = useState(false);
  const me = status?.me;
  if (!me || !status) return null;

  const unlock = async (e: FormEvent) => {
    e.preventDefault();
    if (await access.getState().unlock(pin)) {
      setPin('');
      setAsking(false);
    }
  };
  const signOut = async () => {
    await access.getState().signOut();
    window.location.reload();
  };

  return (
    <div className="account" data-testid="account">
      <span className="account-name nav-label" title={`${me.name} (${me.role})`}>
        {me.name} · {me.role === 'admin' ? 'Admin' : 'Technician'}
      </span>
      {me.role === 'admin' && !status.openMode && (
        <span className="nav-label">
          {me.adminUnlocked ? (
            <button type="button" className="link-button" onClick={() => void access.getState().lock()}>
              Lock admin
            </button>
          ) : asking ? (
            <form className="account-unlock" onSubmit={(e) => void unlock(e)}>
              <input type="password" aria-label="Admin PIN" autoFocus value={pin} onChange={(e) => setPin(e.target.value)} />
              <button type="submit" className="link-button" disabled={busy || !pin}>
                Unlock
              </button>
            </form>
          ) : (
            <button type="button" className="link-button" onClick={() => setAsking(true)}>
              Unlock admin
            </button>
          )}
        </span>
      )}
      {!status.openMode && (
        <button type="button" className="link-button" onClick={() => void signOut()} title={`Sign out ${me.name}`}>
          <span className="nav-label">Sign out</span>
          <span className="rail-only" aria-hidden="true">
            ⎋
          </span>
        </button>
      )}
    </div>
  );
}

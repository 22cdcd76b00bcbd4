import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';

/**
 * Shown instead of the app until this window/tab is signed in: pick your name; admins (and, when
 * configured, technicians) then enter their PIN or code. Wrong entries get one generic message.
 */
export function SignInPage() {
  const { access } = useAppStores();
  const status = useStore(access, (s) => s.status);
  const error = useStore(access, (s) => s.error);
  const busy = useStore(access, (s) => s.busy);
  const [picked, setPicked] = useState<string | null>(null);
  const [secret, setSecret] = useState('');
  if (!status) return <p className="muted signin-loading">Connecting…</p>;
  const profile = status.profiles.find((p) => p.id === picked);
  const needsSecret = profile && (profile.role === 'admin' || status.technicianSignIn === 'code');

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!profile) return;
    if (await access.getState().signIn(profile.id, secret)) setSecret('');
  };
  const pick = (id: string) => {
    access.getState().clearError();
    setPicked(id);
    setSecret('');
    const p = status.profiles.find((x) => x.id === id);
    if (p && p.role === 'technician' && status.technicianSignIn === 'name') void access.getState().signIn(id, '');
  };

  return (
    <main className="signin" aria-labelledby="signin-h">
      <div className="signin-card">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          <span className="brand-name">Benchmate</span>
        </div>
        <h1 id="signin-h">Who is using Benchmate?</h1>
        {error && <ErrorBanner title="Not signed in" error={error} onDismiss={() => access.getState().clearError()} />}
        <ul className="signin-profiles" aria-label="Profiles">
          {status.profiles.map((p) => (
            <li key={p.id}>
              <button type="button" className="signin-profile" aria-pressed={picked === p.id} onClick={() => pick(p.id)}>
                <span className="signin-name">{p.name}</span>
                <span className="muted">{p.role === 'admin' ? 'Admin' : 'Technician'}</span>
              </button>
            </li>
          ))}
        </ul>
        {needsSecret && (
          <form className="signin-secret" onSubmit={(e) => void submit(e)}>
            <label htmlFor="signin-secret">{profile.role === 'admin' ? `PIN for ${profile.name}` : `Code for ${profile.name}`}</label>
            <input id="signin-secret" type="password" inputMode="numeric" autoComplete="off" autoFocus value={secret} onChange={(e) => setSecret(e.target.value)} />
            <Button type="submit" variant="primary" busy={busy} disabled={!secret}>
              Sign in
            </Button>
          </form>
        )}
      </div>
    </main>
  );
}

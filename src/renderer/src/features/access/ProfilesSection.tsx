import { useEffect, useState, type FormEvent } from 'react';
import type { ProfileView } from '../../../../shared/contract/access';
import type { AppErrorData } from '../../../../shared/result';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/ErrorBanner';
import { toast } from '../../components/Toast';
import { useApi, useAppStores } from '../../lib/appContext';

/** Admin: the people who use this Benchmate — add technicians and admins, set PINs and codes. */
export function ProfilesSection() {
  const api = useApi();
  const { access } = useAppStores();
  const [profiles, setProfiles] = useState<ProfileView[]>([]);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'technician' | 'admin'>('technician');
  const [secret, setSecret] = useState('');
  const load = async () => {
    const r = await api.access.profiles();
    if (r.ok) setProfiles(r.value);
    else setError(r.error);
  };
  useEffect(() => void load(), []); // eslint-disable-line react-hooks/exhaustive-deps

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api.access.createProfile({ name, role, ...(secret ? (role === 'admin' ? { pin: secret } : { code: secret }) : {}) });
    if (!r.ok) return setError(r.error);
    setName('');
    setSecret('');
    setError(null);
    toast(`Added ${r.value.name}`, 'success');
    await Promise.all([load(), access.getState().load()]);
  };
  const setPin = async (p: ProfileView) => {
    const pin = window.prompt(p.role === 'admin' ? `New PIN for ${p.name} (4+ characters)` : `New sign-in code for ${p.name} (4+ characters)`);
    if (!pin) return;
    const r = await api.access.updateProfile(p.role === 'admin' ? { id: p.id, pin } : { id: p.id, code: pin });
    if (!r.ok) return setError(r.error);
    toast(p.role === 'admin' ? `PIN set for ${p.name}` : `Code set for ${p.name}`, 'success');
    await Promise.all([load(), access.getState().load()]);
  };

  return (
    <section className="section" aria-labelledby="people-h">
      <div className="section-header">
        <h2 id="people-h">People</h2>
      </div>
      {error && <ErrorBanner title="Profiles" error={error} onDismiss={() => setError(null)} />}
      <table className="table" aria-label="Profiles">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Sign-in</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {profiles.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.role === 'admin' ? 'Admin' : 'Technician'}</td>
              <td className="muted">{p.role === 'admin' ? (p.hasPin ? 'PIN set' : 'No PIN yet — anyone is admin') : p.hasCode ? 'Name or code' : 'Name'}</td>
              <td>
                <Button size="small" onClick={() => void setPin(p)}>
                  {p.role === 'admin' ? 'Set PIN' : 'Set code'}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="profile-add" onSubmit={(e) => void add(e)}>
        <input aria-label="Name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as 'technician' | 'admin')}>
          <option value="technician">Technician</option>
          <option value="admin">Admin</option>
        </select>
        <input aria-label={role === 'admin' ? 'PIN' : 'Code (optional)'} placeholder={role === 'admin' ? 'PIN' : 'Code (optional)'} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} />
        <Button type="submit" disabled={!name.trim() || (role === 'admin' && secret.length < 4)}>
          Add person
        </Button>
      </form>
    </section>
  );
}

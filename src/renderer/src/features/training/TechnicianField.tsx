import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { useAppStores } from '../../lib/appContext';

/** "Training as …": the local technician name, asked once and remembered (see technicianName.ts). */
export function TechnicianField() {
  const { training, access } = useAppStores();
  const technician = useStore(training, (s) => s.technician);
  const setTechnician = useStore(training, (s) => s.setTechnician);
  const [editing, setEditing] = useState(!technician);
  const [draft, setDraft] = useState(technician);
  // Signed in as a technician profile (roles on): training is recorded under that profile's name.
  const profileName = useStore(access, (s) => (s.status && !s.status.openMode && s.status.me && s.status.me.role === 'technician' ? s.status.me.name : null));
  useEffect(() => {
    if (profileName && profileName !== technician) setTechnician(profileName);
  }, [profileName, technician, setTechnician]);

  if (profileName)
    return (
      <p className="training-who">
        Training as <strong data-testid="technician-name">{profileName}</strong>
      </p>
    );

  if (!editing)
    return (
      <p className="training-who">
        Training as <strong data-testid="technician-name">{technician}</strong>{' '}
        <Button size="small" variant="ghost" onClick={() => (setDraft(technician), setEditing(true))}>
          Change
        </Button>
      </p>
    );
  return (
    <form
      className="training-who"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.trim()) return;
        setTechnician(draft);
        setEditing(false);
      }}
    >
      <label htmlFor="technician-input">Your name</label>
      <input id="technician-input" className="input" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="Technician name" maxLength={200} />
      <Button type="submit" size="small" disabled={!draft.trim()}>
        Save
      </Button>
    </form>
  );
}

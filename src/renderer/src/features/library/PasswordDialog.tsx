import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAppStores } from '../../lib/appContext';

/** Retry a password-protected PDF; the password goes to the core once and is not stored. */
export function PasswordDialog({ docId, file, onClose }: { docId: string; file: string; onClose: () => void }) {
  const { library } = useAppStores();
  const busy = useStore(library, (s) => !!s.busy[`unlock:${docId}`]);
  const unlock = useStore(library, (s) => s.unlock);
  const [password, setPassword] = useState('');

  const submit = async () => {
    if (!password) return;
    if (await unlock(docId, password)) onClose();
  };

  return (
    <Dialog
      title="Password-protected PDF"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} disabled={!password} onClick={() => void submit()}>
            Unlock and import
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p>
          <strong>{file}</strong> is protected with a password. Enter it to import the manual. Benchmate does not keep the password.
        </p>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
      </form>
    </Dialog>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { useAppStores } from '../../lib/appContext';
import { unlockResult } from './importQueue';

/**
 * Retry a password-protected PDF; the password goes to the core once and is not stored. The dialog
 * stays open until the unlock job has finished: a wrong password is said here, next to the field,
 * and the user tries again without hunting for a new queue row.
 */
export function PasswordDialog({ docId, file, onClose }: { docId: string; file: string; onClose: () => void }) {
  const { library, jobs } = useAppStores();
  const starting = useStore(library, (s) => !!s.busy[`unlock:${docId}`]);
  const unlock = useStore(library, (s) => s.unlock);
  const [password, setPassword] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const result = unlockResult(useStore(jobs, (s) => (jobId ? s.byId[jobId] : undefined)));
  const running = starting || (jobId !== null && result.state === 'running');
  const error = jobId !== null && result.state === 'failed' ? result.message : null;
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (jobId === null) return;
    if (result.state === 'done') onClose();
    else if (result.state === 'failed') {
      // The failed attempt is said here; as a queue row it would duplicate the file's "Password needed".
      jobs.getState().dismiss(jobId);
      input.current?.select();
    }
  }, [jobId, result.state, jobs, onClose]);

  const submit = async () => {
    if (!password || running) return;
    setJobId(await unlock(docId, password));
  };

  return (
    <Dialog
      title="Password-protected PDF"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={running} disabled={!password} onClick={() => void submit()}>
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
          <input
            ref={input}
            type="password"
            autoComplete="off"
            value={password}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'unlock-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p id="unlock-error" className="field-error" role="alert" data-testid="unlock-error">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  );
}

import { useStore } from 'zustand';
import { announcements } from '../lib/announce';

/** The app's aria-live regions; rendered once by the shell. Feed it through lib/announce.ts. */
export function LiveRegion() {
  const polite = useStore(announcements, (s) => s.polite);
  const assertive = useStore(announcements, (s) => s.assertive);
  return (
    <>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-polite">
        {polite}
      </div>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="live-assertive">
        {assertive}
      </div>
    </>
  );
}

import { useEffect } from 'react';
import { useStore } from 'zustand';
import { useAppStores } from '../../lib/appContext';
import { routeHref } from '../../lib/router';
import { selectIsAdmin } from '../access/accessStore';

/** Status page: how many escalations are open / being looked at / resolved (all for an admin, one's own otherwise). */
export function EscalationCounts() {
  const { escalations, access } = useAppStores();
  const counts = useStore(escalations, (s) => s.counts);
  const isAdmin = useStore(access, selectIsAdmin);
  useEffect(() => void escalations.getState().load(), [escalations]);
  return (
    <section className="section" aria-labelledby="esc-count-h">
      <div className="section-header">
        <h2 id="esc-count-h">Escalations</h2>
        {isAdmin && <a href={routeHref('team')}>Open the queue</a>}
      </div>
      {counts ? (
        <dl className="kv" aria-label="Escalation counts" data-testid="escalation-counts">
          <div className="kv-row">
            <dt>Open</dt>
            <dd>{counts.open}</dd>
          </div>
          <div className="kv-row">
            <dt>Acknowledged</dt>
            <dd>{counts.acknowledged}</dd>
          </div>
          <div className="kv-row">
            <dt>Resolved</dt>
            <dd>{counts.resolved}</dd>
          </div>
        </dl>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}

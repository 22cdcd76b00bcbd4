import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { EscalationStatus } from '../../../../shared/contract/escalations';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { EscalationCard } from './EscalationCard';

const FILTERS: Array<EscalationStatus | 'all'> = ['open', 'acknowledged', 'resolved', 'all'];

/** The supervisor's queue: open first by default; acknowledge, then resolve with an answer. */
export function EscalationsSection() {
  const { escalations } = useAppStores();
  const items = useStore(escalations, (s) => s.items);
  const counts = useStore(escalations, (s) => s.counts);
  const error = useStore(escalations, (s) => s.error);
  const [filter, setFilter] = useState<EscalationStatus | 'all'>('open');
  useEffect(() => void escalations.getState().load(), [escalations]);
  const shown = items.filter((e) => filter === 'all' || e.status === filter);

  return (
    <section className="section" aria-labelledby="esc-h">
      <div className="section-header">
        <h2 id="esc-h">Escalations</h2>
        <div className="filter-tabs" role="group" aria-label="Show escalations">
          {FILTERS.map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {f === 'all' ? 'All' : `${f[0].toUpperCase()}${f.slice(1)}`}
              {counts && f !== 'all' ? ` (${counts[f]})` : ''}
            </button>
          ))}
        </div>
      </div>
      {error && <ErrorBanner title="Escalations" error={error} />}
      {shown.length === 0 ? (
        <EmptyState icon="chat" title={filter === 'open' ? 'No open escalations' : 'Nothing here'}>
          Technicians escalate an answer with “⚑ Escalate” under it; it shows up here.
        </EmptyState>
      ) : (
        <ul className="plain-list escalation-list">
          {shown.map((e) => (
            <EscalationCard
              key={e.id}
              e={e}
              onAcknowledge={() => escalations.getState().acknowledge(e.id)}
              onResolve={(text) => escalations.getState().resolve(e.id, text)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStores } from '../../lib/appContext';
import { isActive } from '../../lib/jobsStore';

/** Every running job, whatever its kind, so the Status page explains why the machine is busy. */
export function RunningJobs() {
  const { jobs } = useAppStores();
  const active = useStore(jobs, useShallow((s) => s.order.map((id) => s.byId[id]).filter((j) => j && isActive(j))));
  const cancel = useStore(jobs, (s) => s.cancel);
  if (active.length === 0) return null;
  return (
    <section className="section" aria-labelledby="jobs-h">
      <h2 id="jobs-h">Running jobs</h2>
      <ul className="list">
        {active.map((j) => (
          <li key={j.jobId} className="list-row">
            <div className="grow">
              <ProgressBar label={j.title} done={j.done} total={j.total} caption={`${j.title} · ${j.phase}`} />
            </div>
            <Button size="small" onClick={() => void cancel(j.jobId)}>
              Cancel
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

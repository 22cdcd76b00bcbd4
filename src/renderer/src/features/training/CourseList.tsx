import { useStore } from 'zustand';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useAppStores } from '../../lib/appContext';
import { AddTopic } from './AddTopic';

const TONE: Record<string, BadgeTone> = { passed: 'ok', failed: 'error', in_progress: 'info', not_started: 'neutral' };
const LABEL: Record<string, string> = { passed: 'Passed', failed: 'Failed', in_progress: 'In progress', not_started: 'Not started' };

/** Courses with their topics; each topic shows the current technician's status and a Start button. */
export function CourseList({ admin }: { admin: boolean }) {
  const { training } = useAppStores();
  const courses = useStore(training, (s) => s.courses);
  const progress = useStore(training, (s) => s.progress);
  const technician = useStore(training, (s) => s.technician);
  const busy = useStore(training, (s) => s.busy);
  const start = useStore(training, (s) => s.start);
  const me = technician.toLocaleLowerCase();
  const statusOf = (topicId: string) => progress.find((r) => r.topicId === topicId && r.technician.name.toLocaleLowerCase() === me)?.status ?? 'not_started';

  if (!courses.length) return <EmptyState icon="training" title="No courses yet">Create a course, then add topics from a manual's outline.</EmptyState>;
  return (
    <ul className="course-list">
      {courses.map((c) => (
        <li key={c.id} className="course">
          <h3>{c.title}</h3>
          <ol className="topic-list" aria-label={`Topics of ${c.title}`}>
            {c.topics.map((t) => {
              const st = statusOf(t.id);
              return (
                <li key={t.id} className="topic" data-testid="topic-row">
                  <span className="topic-title">{t.title}</span>
                  <span className="muted topic-pages">
                    {t.docTitle}, pp. {t.pageFrom}–{t.pageTo}
                  </span>
                  <Badge tone={TONE[st]}>{LABEL[st]}</Badge>
                  <Button size="small" disabled={busy || !technician} onClick={() => void start(t.id)} aria-label={`Start ${t.title}`}>
                    Start
                  </Button>
                </li>
              );
            })}
          </ol>
          {admin && <AddTopic courseId={c.id} />}
        </li>
      ))}
    </ul>
  );
}

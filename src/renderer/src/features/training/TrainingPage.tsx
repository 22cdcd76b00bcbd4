import { useEffect } from 'react';
import { useStore } from 'zustand';
import { ErrorBanner } from '../../components/ErrorBanner';
import { selectIsAdmin } from '../access/accessStore';
import { useAppStores } from '../../lib/appContext';
import { AttemptView } from './AttemptView';
import { CourseList } from './CourseList';
import { NewCourse } from './NewCourse';
import { ProgressTable } from './ProgressTable';
import { TechnicianField } from './TechnicianField';
import './training.css';

/** Training: courses of manual sections, a guided attempt, and everyone's progress. */
export function TrainingPage() {
  const { training, access } = useAppStores();
  // Building courses is an admin action (roles.ts); technicians only take them.
  const isAdmin = useStore(access, selectIsAdmin);
  const load = useStore(training, (s) => s.load);
  const error = useStore(training, (s) => s.error);
  const clearError = useStore(training, (s) => s.clearError);
  const attempt = useStore(training, (s) => s.attempt);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page training-page">
      <div className="page-header">
        <h1>Training</h1>
        <TechnicianField />
      </div>
      {error && <ErrorBanner title="Training" error={error} onRetry={clearError} />}
      <div className="training-grid">
        <section aria-labelledby="courses-h" className="training-courses">
          <h2 id="courses-h">Courses</h2>
          <CourseList admin={isAdmin} />
          {isAdmin && <NewCourse />}
        </section>
        {attempt && (
          <section aria-labelledby="attempt-h" className="training-attempt">
            <AttemptView />
          </section>
        )}
      </div>
      <section aria-labelledby="progress-h">
        <h2 id="progress-h">Progress</h2>
        <ProgressTable />
      </section>
    </div>
  );
}

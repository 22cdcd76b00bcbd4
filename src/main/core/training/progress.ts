import type { Course, TechnicianRef, TopicProgress } from '../../../shared/contract/training';
import type { StoredAttempt } from './trainingStore';

/**
 * Progress per technician and topic, from the attempts: a topic counts as passed once any
 * attempt passed (a later failed retry does not take it away); otherwise the latest attempt's
 * state. Topics of a course nobody started show for every known technician as not started.
 */
export function progressRows(courses: readonly Course[], attempts: readonly StoredAttempt[], technicians: readonly TechnicianRef[]): TopicProgress[] {
  const rows: TopicProgress[] = [];
  for (const t of technicians) {
    for (const c of courses) {
      for (const topic of c.topics) {
        const mine = attempts.filter((a) => a.technician.id === t.id && a.topicId === topic.id).sort((x, y) => x.updatedAt.localeCompare(y.updatedAt));
        const last = mine[mine.length - 1];
        const status = mine.some((a) => a.status === 'passed') ? 'passed' : (last?.status ?? 'not_started');
        rows.push({
          technician: t,
          courseId: c.id,
          courseTitle: c.title,
          topicId: topic.id,
          topicTitle: topic.title,
          status,
          attempts: mine.length,
          lastActivity: last?.updatedAt ?? null,
          lastAttemptId: last?.id ?? null
        });
      }
    }
  }
  return rows;
}

const csvCell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // Quote when needed; a leading = + - @ is neutralised so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const PROGRESS_CSV_HEADER = ['technician', 'course', 'topic', 'status', 'attempts', 'last_activity'];

export function progressCsv(rows: readonly TopicProgress[]): string {
  const lines = [PROGRESS_CSV_HEADER.join(',')];
  for (const r of rows) lines.push([r.technician.name, r.courseTitle, r.topicTitle, r.status, r.attempts, r.lastActivity].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

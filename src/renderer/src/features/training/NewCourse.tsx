import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { useAppStores } from '../../lib/appContext';

/** Admin: a new (empty) course; topics are then added from a manual's outline. */
export function NewCourse() {
  const { training } = useAppStores();
  const createCourse = useStore(training, (s) => s.createCourse);
  const busy = useStore(training, (s) => s.busy);
  const [title, setTitle] = useState('');
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (title.trim()) void createCourse(title.trim()).then((c) => c && setTitle(''));
      }}
    >
      <label htmlFor="new-course">New course</label>
      <input id="new-course" className="input" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Course title" maxLength={500} />
      <Button type="submit" size="small" disabled={busy || !title.trim()}>
        Create course
      </Button>
    </form>
  );
}

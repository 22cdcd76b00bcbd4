import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { OutlineNodeDto } from '../../../../shared/contract/library';
import { Button } from '../../components/Button';
import { useApi, useAppStores } from '../../lib/appContext';

/** Every outline entry with a page, as "Chapter > Section" paths (what a topic's section names). */
function paths(nodes: OutlineNodeDto[], trail: string[] = []): string[] {
  return nodes.flatMap((n) => [...(n.page === null ? [] : [[...trail, n.title].join(' > ')]), ...paths(n.children, [...trail, n.title])]);
}

/** Admin: add a topic to a course by picking a manual and a section of its outline. */
export function AddTopic({ courseId }: { courseId: string }) {
  const api = useApi();
  const { training } = useAppStores();
  const documents = useStore(training, (s) => s.documents);
  const addTopic = useStore(training, (s) => s.addTopic);
  const busy = useStore(training, (s) => s.busy);
  const [docId, setDocId] = useState('');
  const [sections, setSections] = useState<string[]>([]);
  const [section, setSection] = useState('');

  useEffect(() => {
    setSections([]);
    setSection('');
    if (!docId) return;
    let live = true;
    void api.library.get({ id: docId }).then((r) => live && r.ok && setSections(paths(r.value.outline)));
    return () => {
      live = false;
    };
  }, [api, docId]);

  const id = `add-topic-${courseId}`;
  return (
    <form
      className="inline-form add-topic"
      onSubmit={(e) => {
        e.preventDefault();
        if (docId && section) void addTopic(courseId, docId, section).then((ok) => ok && setSection(''));
      }}
    >
      <label htmlFor={`${id}-doc`}>Manual</label>
      <select id={`${id}-doc`} className="input" value={docId} onChange={(e) => setDocId(e.target.value)}>
        <option value="">Choose a manual…</option>
        {documents.map((d) => (
          <option key={d.id} value={d.id}>
            {d.title}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-section`}>Section</label>
      <select id={`${id}-section`} className="input" value={section} onChange={(e) => setSection(e.target.value)} disabled={!sections.length}>
        <option value="">{docId && !sections.length ? 'No outline' : 'Choose a section…'}</option>
        {sections.map((p, i) => (
          <option key={`${i}:${p}`} value={p}>
            {p}
          </option>
        ))}
      </select>
      <Button type="submit" size="small" disabled={busy || !docId || !section}>
        Add topic
      </Button>
    </form>
  );
}

import { useState } from 'react';
import { useStore } from 'zustand';
import type { DocumentMetadata, DocumentSummary } from '../../../../shared/contract/library';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { toast } from '../../components/Toast';
import { useAppStores } from '../../lib/appContext';

/** "X200, X200-S ,x300" → ['X200', 'X200-S', 'x300'] (trimmed, de-duplicated, order kept). */
export function splitList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s && !seen.has(s.toLowerCase()) && seen.add(s.toLowerCase()));
}

/** Only the fields that changed, so an edit never overwrites a concurrent change to another field. */
export function metadataPatch(doc: DocumentSummary, form: Record<'title' | 'machineModels' | 'tags' | 'language' | 'revision' | 'notes', string>): DocumentMetadata {
  const patch: DocumentMetadata = {};
  const title = form.title.trim();
  if (title && title !== doc.title) patch.title = title;
  const models = splitList(form.machineModels);
  if (models.join('\u0000') !== doc.machineModels.join('\u0000')) patch.machineModels = models;
  const tags = splitList(form.tags);
  if (tags.join('\u0000') !== doc.tags.join('\u0000')) patch.tags = tags;
  if (form.language.trim() !== doc.language) patch.language = form.language.trim();
  if (form.revision.trim() !== doc.revision) patch.revision = form.revision.trim();
  if (form.notes !== doc.notes) patch.notes = form.notes;
  return patch;
}

export function MetadataDialog({ doc, onClose }: { doc: DocumentSummary; onClose: () => void }) {
  const { library } = useAppStores();
  const saving = useStore(library, (s) => !!s.busy[`update:${doc.id}`]);
  const reindexing = useStore(library, (s) => !!s.busy[`reindex:${doc.id}`]);
  const { updateMetadata, reindex } = library.getState();
  const [form, setForm] = useState({
    title: doc.title,
    machineModels: doc.machineModels.join(', '),
    tags: doc.tags.join(', '),
    language: doc.language,
    revision: doc.revision,
    notes: doc.notes
  });
  const field = (k: keyof typeof form) => ({ value: form[k], onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }) });
  const titleMissing = form.title.trim() === '';

  const save = async () => {
    const patch = metadataPatch(doc, form);
    if (Object.keys(patch).length === 0) return onClose();
    if (await updateMetadata(doc.id, patch)) {
      toast('Document details saved', 'success');
      onClose();
    }
  };

  return (
    <Dialog
      title="Edit document details"
      onClose={onClose}
      wide
      footer={
        <>
          <Button
            className="footer-left"
            busy={reindexing}
            onClick={async () => {
              if (await reindex(doc.id)) {
                toast(`Re-indexing ${doc.title}`, 'info');
                onClose();
              }
            }}
          >
            Re-index
          </Button>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={saving} disabled={titleMissing} onClick={() => void save()}>
            Save
          </Button>
        </>
      }
    >
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          if (!titleMissing) void save();
        }}
      >
        <p className="muted small">{doc.fileName}</p>
        <label className="field">
          <span>Title</span>
          <input type="text" {...field('title')} aria-invalid={titleMissing || undefined} required />
        </label>
        <div className="fields-2">
          <label className="field">
            <span>Machine models</span>
            <input type="text" {...field('machineModels')} placeholder="X200, X200-S" />
            <span className="field-hint">Separate with commas. Used to narrow answers to one machine.</span>
          </label>
          <label className="field">
            <span>Tags</span>
            <input type="text" {...field('tags')} placeholder="service, electrical" />
            <span className="field-hint">Separate with commas.</span>
          </label>
          <label className="field">
            <span>Language</span>
            <input type="text" {...field('language')} placeholder="en" />
          </label>
          <label className="field">
            <span>Revision</span>
            <input type="text" {...field('revision')} placeholder="Rev. C, 2024-03" />
          </label>
        </div>
        <label className="field">
          <span>Notes</span>
          <textarea rows={3} {...field('notes')} />
        </label>
        {/* Lets Enter in a text field submit the form. */}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}

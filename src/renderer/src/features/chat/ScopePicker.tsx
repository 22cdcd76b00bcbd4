import { useState } from 'react';
import { useStore } from 'zustand';
import type { ChatScope } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import type { ChatStore } from './chatStore';

/** "All manuals" or a short summary of what the session searches. */
export function scopeSummary(scope: ChatScope, docTitle: (id: string) => string): string {
  const parts: string[] = [];
  if (scope.machineModels.length) parts.push(scope.machineModels.join(', '));
  if (scope.documentIds.length) parts.push(scope.documentIds.length === 1 ? docTitle(scope.documentIds[0]) : `${scope.documentIds.length} documents`);
  if (scope.tags.length) parts.push(`#${scope.tags.join(' #')}`);
  return parts.length ? parts.join(' · ') : 'All manuals';
}

const toggle = (xs: string[], x: string): string[] => (xs.includes(x) ? xs.filter((y) => y !== x) : [...xs, x]);

/** Restricts retrieval to machine models / documents / tags; stored on the session. */
export function ScopePicker({ chat }: { chat: ChatStore }) {
  const scope = useStore(chat, (s) => s.scope);
  const options = useStore(chat, (s) => s.scopeOptions);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ChatScope>(scope);
  const title = (id: string) => options.documents.find((d) => d.id === id)?.title ?? id;
  const summary = scopeSummary(scope, title);
  const restricted = summary !== 'All manuals';

  const group = (label: string, key: 'machineModels' | 'documentIds' | 'tags', items: Array<{ id: string; label: string }>) => (
    <fieldset className="scope-group">
      <legend>{label}</legend>
      {items.length === 0 ? (
        <p className="muted">None yet — add them in the Library.</p>
      ) : (
        <div className="scope-options">
          {items.map((it) => (
            <label key={it.id} className="scope-option">
              <input type="checkbox" checked={draft[key].includes(it.id)} onChange={() => setDraft({ ...draft, [key]: toggle(draft[key], it.id) })} />
              <span>{it.label}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );

  return (
    <>
      <Button
        size="small"
        className={`scope-button${restricted ? ' scope-restricted' : ''}`}
        onClick={() => {
          setDraft(scope);
          setOpen(true);
          void chat.getState().refreshEnvironment();
        }}
        title="Which manuals this chat searches"
      >
        <span aria-hidden="true">⛁</span> <span className="scope-label">Scope: {summary}</span>
      </Button>
      {open && (
        <Dialog
          title="Search scope for this chat"
          onClose={() => setOpen(false)}
          wide
          footer={
            <>
              <Button onClick={() => setDraft({ ...draft, machineModels: [], documentIds: [], tags: [] })}>All manuals</Button>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button
                variant="primary"
                onClick={() => {
                  void chat.getState().setScope(draft);
                  setOpen(false);
                }}
              >
                Apply
              </Button>
            </>
          }
        >
          <p className="muted scope-help">Answers only use the manuals you pick (an empty group means “any”). The scope is saved with this chat.</p>
          {group('Machine models', 'machineModels', options.machineModels.map((m) => ({ id: m, label: m })))}
          {group('Documents', 'documentIds', options.documents.map((d) => ({ id: d.id, label: d.title })))}
          {group('Tags', 'tags', options.tags.map((t) => ({ id: t, label: t })))}
        </Dialog>
      )}
    </>
  );
}

import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { SessionSummary } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatCombo } from '../../lib/shortcuts';
import type { ChatStore } from './chatStore';

export interface SessionSidebarProps {
  chat: ChatStore;
  onOpen: (id: string) => void;
  onNew: () => void;
}

export function relativeDay(iso: string, now = new Date()): string {
  const d = new Date(iso);
  const days = Math.floor((new Date(now.toDateString()).getTime() - new Date(d.toDateString()).getTime()) / 86_400_000);
  if (days <= 0) return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (days === 1) return 'Yesterday';
  if (days < 7) return d.toLocaleDateString([], { weekday: 'short' });
  return d.toLocaleDateString([], { day: 'numeric', month: 'short' });
}

/** The chat's session list: search (titles + message text), new, rename, pin, delete. */
export function SessionSidebar({ chat, onOpen, onNew }: SessionSidebarProps) {
  const sessions = useStore(chat, (s) => s.sessions);
  const filter = useStore(chat, (s) => s.filter);
  const hitIds = useStore(chat, (s) => s.hitIds);
  const activeId = useStore(chat, (s) => s.activeId);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SessionSummary | null>(null);

  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!q) return sessions;
    return sessions.filter((s) => s.title.toLowerCase().includes(q) || hitIds?.includes(s.id));
  }, [sessions, filter, hitIds]);

  return (
    <aside className="chat-sidebar" aria-label="Chats">
      <div className="chat-sidebar-top">
        <Button variant="primary" className="chat-new" onClick={onNew} title={`New chat (${formatCombo('mod+n')})`}>
          + New chat
        </Button>
        <label className="visually-hidden" htmlFor="chat-session-search">
          Search chats
        </label>
        <input
          id="chat-session-search"
          className="chat-search"
          type="search"
          placeholder="Search chats…"
          value={filter}
          onChange={(e) => void chat.getState().setFilter(e.target.value)}
        />
      </div>
      <ul className="chat-sessions">
        {shown.map((s) => (
          <li key={s.id} className={`chat-session${s.id === activeId ? ' is-active' : ''}`}>
            {renaming === s.id ? (
              <form
                className="chat-rename"
                onSubmit={(e) => {
                  e.preventDefault();
                  const v = new FormData(e.currentTarget).get('title');
                  void chat.getState().rename(s.id, String(v ?? ''));
                  setRenaming(null);
                }}
              >
                <input
                  name="title"
                  aria-label="Chat title"
                  defaultValue={s.title}
                  autoFocus
                  maxLength={200}
                  onBlur={(e) => e.currentTarget.form?.requestSubmit()}
                  onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setRenaming(null))}
                />
              </form>
            ) : (
              <button type="button" className="chat-session-open" aria-current={s.id === activeId ? 'true' : undefined} onClick={() => onOpen(s.id)}>
                <span className="chat-session-title">
                  {s.pinned && (
                    <span className="pin" aria-label="Pinned">
                      ★
                    </span>
                  )}
                  {s.title || 'New chat'}
                </span>
                <span className="chat-session-meta">
                  {relativeDay(s.updatedAt)} · {s.messageCount} msg
                </span>
              </button>
            )}
            <span className="chat-session-actions">
              <button type="button" className="icon-btn" aria-label={`Rename ${s.title}`} title="Rename" onClick={() => setRenaming(s.id)}>
                ✎
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={`${s.pinned ? 'Unpin' : 'Pin'} ${s.title}`}
                aria-pressed={s.pinned}
                title={s.pinned ? 'Unpin' : 'Pin'}
                onClick={() => void chat.getState().togglePin(s.id)}
              >
                {s.pinned ? '★' : '☆'}
              </button>
              <button type="button" className="icon-btn icon-danger" aria-label={`Delete ${s.title}`} title="Delete" onClick={() => setDeleting(s)}>
                ✕
              </button>
            </span>
          </li>
        ))}
        {shown.length === 0 && <li className="chat-sessions-empty muted">{filter ? 'No chat matches.' : 'No chats yet. Ask your first question →'}</li>}
      </ul>
      {deleting && (
        <ConfirmDialog
          title="Delete this chat?"
          confirmLabel="Delete"
          danger
          onCancel={() => setDeleting(null)}
          onConfirm={async () => {
            await chat.getState().remove(deleting.id);
            setDeleting(null);
          }}
        >
          “{deleting.title}” and its {deleting.messageCount} messages will be deleted. Export it first if you need a record.
        </ConfirmDialog>
      )}
    </aside>
  );
}

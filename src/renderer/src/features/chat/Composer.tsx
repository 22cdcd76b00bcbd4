import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import type { ChatStore } from './chatStore';
import { ActionCard } from '../actions/ActionCard';
import { SLASH_HELP } from '../actions/slashCommands';
import { useAppStores } from '../../lib/appContext';

export interface ComposerHandle {
  focus(): void;
  /** Puts the last question into the box for editing. */
  editLast(text: string): void;
}

export interface ComposerProps {
  chat: ChatStore;
  disabledReason?: string | null;
}

/**
 * Question box. Enter sends, Shift+Enter makes a new line, Esc stops a streaming answer (or leaves
 * edit mode). Its height does not depend on the streaming state: Send and Stop swap in place.
 */
export const Composer = forwardRef<ComposerHandle, ComposerProps>(function Composer({ chat, disabledReason }, ref) {
  const [text, setText] = useState('');
  const [editing, setEditing] = useState(false);
  const [sending, setSending] = useState(false);
  const streaming = useStore(chat, (s) => s.streaming !== null);
  const stopping = useStore(chat, (s) => s.stopping);
  const area = useRef<HTMLTextAreaElement>(null);
  const { actions, library } = useAppStores();

  useImperativeHandle(ref, () => ({
    focus: () => area.current?.focus(),
    editLast(t) {
      setText(t);
      setEditing(true);
      requestAnimationFrame(() => {
        area.current?.focus();
        area.current?.setSelectionRange(t.length, t.length);
      });
    }
  }));

  // Grow with the text up to a cap (then scroll) so long questions stay readable.
  useEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 160)}px`;
  }, [text]);

  const submit = async () => {
    const q = text.trim();
    if (!q || streaming || sending) return;
    setSending(true);
    // Slash commands are the assistant actions without a model (see features/actions).
    if (!editing && q.startsWith('/')) {
      if (!library.getState().loaded) await library.getState().refresh();
      const handled = await actions.getState().runCommand(q, chat.getState().activeId, library.getState().documents);
      setSending(false);
      if (handled) setText('');
      return;
    }
    const ok = editing ? await chat.getState().editLast(q) : await chat.getState().send(q);
    setSending(false);
    if (ok) {
      setText('');
      setEditing(false);
    }
  };

  return (
    <form
      className={`composer${editing ? ' composer-editing' : ''}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {editing && (
        <div className="composer-edit-note">
          Editing your last question — the old question and its answer will be replaced.{' '}
          <button type="button" className="linklike" onClick={() => (setEditing(false), setText(''))}>
            Cancel
          </button>
        </div>
      )}
      <ActionCard actions={actions} />
      {text.startsWith('/') && <div className="composer-edit-note muted">{SLASH_HELP}</div>}
      <div className="composer-row">
        <label htmlFor="composer-input" className="visually-hidden">
          Ask the manuals
        </label>
        <textarea
          id="composer-input"
          ref={area}
          className="composer-input"
          rows={1}
          value={text}
          placeholder={disabledReason ?? 'Ask about a fault code, a procedure, a part… (Enter to send, Shift+Enter for a new line)'}
          maxLength={4000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            } else if (e.key === 'Escape') {
              if (streaming) {
                e.preventDefault();
                e.stopPropagation();
                void chat.getState().stop();
              } else if (editing) {
                e.preventDefault();
                setEditing(false);
                setText('');
              }
            }
          }}
        />
        {streaming ? (
          <Button
            className="composer-btn"
            variant="danger"
            onClick={() => {
              void chat.getState().stop();
              area.current?.focus(); // the Stop button is about to turn into Send: keep focus in the box
            }}
            busy={stopping}
            aria-keyshortcuts="Escape"
          >
            ■ Stop
          </Button>
        ) : (
          <Button className="composer-btn" variant="primary" type="submit" busy={sending} disabled={!text.trim()} aria-keyshortcuts="Enter">
            {editing ? 'Resend' : 'Send'}
          </Button>
        )}
      </div>
    </form>
  );
});

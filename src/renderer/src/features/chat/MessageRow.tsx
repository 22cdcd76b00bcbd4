import { memo, useCallback } from 'react';
import { useStore } from 'zustand';
import type { ChatSource, FeedbackRating } from '../../../../shared/contract/sessions';
import { Button } from '../../components/Button';
import { UNCITED_WARNING } from '../../../../shared/answerLine';
import { AnswerMarkdown } from './AnswerMarkdown';
import type { ChatStore } from './chatStore';
import { FeedbackBar } from './FeedbackBar';
import { EscalationNote } from '../escalations/EscalationNote';
import { MessageActions } from '../actions/MessageActions';
import { SearchOnlyAnswer } from './SearchOnlyAnswer';
import { SourcesList } from './SourcesList';

export interface MessageRowProps {
  chat: ChatStore;
  id: string;
  isLast: boolean;
  isLastUser: boolean;
  onCite: (s: ChatSource) => void;
  onEdit: (text: string) => void;
}

/**
 * One transcript row. Memoised and subscribed to ITS OWN message only: a streamed token changes
 * the streaming message's object and nothing else, so only that row re-renders.
 */
export const MessageRow = memo(function MessageRow({ chat, id, isLast, isLastUser, onCite, onEdit }: MessageRowProps) {
  const m = useStore(chat, (s) => s.transcript.byId[id]);
  const busy = useStore(chat, (s) => s.streaming !== null);
  const feedback = useCallback(
    (rating: FeedbackRating, comment: string) => chat.getState().feedback(id, rating, comment),
    [chat, id]
  );
  if (!m) return null;

  if (m.role === 'user') {
    return (
      <li className="msg msg-user" data-role="user">
        <div className="msg-bubble">
          <p className="msg-user-text">{m.text}</p>
        </div>
        {isLastUser && !busy && (
          <Button size="small" variant="ghost" className="msg-edit" onClick={() => onEdit(m.text)} aria-label="Edit last question">
            ✎ Edit
          </Button>
        )}
      </li>
    );
  }

  const streaming = !!m.streaming;
  const notFound = m.mode === 'not_found';
  const searchOnly = m.mode === 'search_only';
  return (
    <li className={`msg msg-assistant${streaming ? ' msg-streaming' : ''}`} data-role="assistant" data-mode={m.mode ?? ''} aria-busy={streaming || undefined}>
      <div className="msg-avatar" aria-hidden="true">
        B
      </div>
      <div className="msg-body">
        {notFound && (
          <div className="banner banner-warning msg-banner" data-banner="not-found">
            <div className="banner-body">
              <strong>Not in the manuals</strong>
              <p>The imported manuals do not cover this question well enough to answer. The closest sections are listed below; check them or ask differently.</p>
            </div>
          </div>
        )}
        {searchOnly && !streaming ? (
          <SearchOnlyAnswer sources={m.sources} onCite={onCite} />
        ) : m.text ? (
          <AnswerMarkdown text={m.text} sources={streaming ? [] : m.sources} onCite={onCite} />
        ) : streaming ? (
          <p className="msg-thinking muted">Searching the manuals…</p>
        ) : null}
        {m.failure && (
          <p className="msg-failure" role="alert">
            The answer failed: {m.failure}
          </p>
        )}
        {!streaming && <MessageActions chat={chat} messageId={m.id} />}
        {m.stopReason === 'abort' && !streaming && <p className="msg-note muted">Stopped — the answer may be incomplete.</p>}
        {m.uncited && !streaming && (
          <p className="msg-uncited" role="note" data-testid="uncited-warning">
            {UNCITED_WARNING}
          </p>
        )}
        {!streaming && !searchOnly && <SourcesList sources={m.sources} onOpen={onCite} />}
        {!streaming && notFound && <SourcesList sources={m.related} onOpen={onCite} label="Closest sections" />}
        {!streaming && !notFound && m.related.length > 0 && (
          <details className="related">
            <summary>{m.sources.length ? 'Other passages found' : 'Passages found (the answer cites none of them)'}</summary>
            <SourcesList sources={m.related} onOpen={onCite} label="Not cited" />
          </details>
        )}
        {!streaming && (
          <div className="msg-actions">
            {!m.failure ? <FeedbackBar current={m.feedback} onSubmit={feedback} /> : <span />}
            {isLast && !busy && (
              <Button size="small" variant="ghost" onClick={() => void chat.getState().regenerate()}>
                ↻ Regenerate
              </Button>
            )}
          </div>
        )}
        {!streaming && m.feedback?.rating === 'escalate' && <EscalationNote messageId={m.id} />}
      </div>
    </li>
  );
});

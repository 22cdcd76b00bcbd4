import { useEffect, useRef } from 'react';
import { useStore } from 'zustand';
import type { ChatSource } from '../../../../shared/contract/sessions';
import type { ChatStore } from './chatStore';
import { followLatest } from './followScroll';
import { MessageRow } from './MessageRow';
import { lastOf } from './transcript';

export interface MessageListProps {
  chat: ChatStore;
  onCite: (s: ChatSource) => void;
  onEdit: (text: string) => void;
}

/** Distance from the bottom (px) within which we keep following the stream. */
const FOLLOW_SLACK = 80;

/**
 * The transcript. Subscribes only to the list of ids, so it renders when a message is added or
 * removed, never per token. Following the stream is done outside React: a store subscription
 * scrolls (once per frame) only if the reader was already at the bottom, so reading an earlier
 * answer while a new one streams does not yank the view. It follows to the bottom but never past
 * the latest question (followScroll.ts), so a tall answer keeps its answer line in view.
 */
export function MessageList({ chat, onCite, onEdit }: MessageListProps) {
  const order = useStore(chat, (s) => s.transcript.order);
  const lastUserId = useStore(chat, (s) => lastOf(s.transcript, 'user')?.id ?? null);
  const ref = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onScroll = () => {
      follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < FOLLOW_SLACK;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    let frame = 0;
    const unsub = chat.subscribe((s, prev) => {
      if (s.transcript === prev.transcript || !follow.current || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        followLatest(el);
      });
    });
    return () => {
      el.removeEventListener('scroll', onScroll);
      unsub();
      cancelAnimationFrame(frame);
    };
  }, [chat]);

  // A new turn (or another session) always brings the latest question and its answer into view.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    follow.current = true;
    followLatest(el);
  }, [order]);

  return (
    <div className="transcript" ref={ref} role="log" aria-label="Conversation" aria-live="off">
      <ol className="transcript-list">
        {order.map((id, i) => (
          <MessageRow key={id} chat={chat} id={id} isLast={i === order.length - 1} isLastUser={id === lastUserId} onCite={onCite} onEdit={onEdit} />
        ))}
      </ol>
    </div>
  );
}

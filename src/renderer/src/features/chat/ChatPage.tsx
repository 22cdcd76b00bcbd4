import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ChatSource } from '../../../../shared/contract/sessions';
import { answerLineText } from '../../../../shared/answerLine';
import { FeatureBoundary } from './FeatureBoundary';
import { ErrorBanner } from '../../components/ErrorBanner';
import { navigate } from '../../lib/router';
import { registerShortcut } from '../../lib/shortcuts';
import { CitationViewer } from '../viewer/CitationViewer';
import { ChatEmpty } from './ChatEmpty';
import { DamagedEntriesNotice } from './DamagedEntriesNotice';
import { Composer, type ComposerHandle } from './Composer';
import { MessageList } from './MessageList';
import { ReportDetails } from './ReportDetails';
import { ScopePicker } from './ScopePicker';
import { SessionSidebar } from './SessionSidebar';
import { useFeatureStores } from './useFeatureStores';
import { useSessionRoute } from './useSessionRoute';
import './chat.css';
import './messages.css';
import './sessionSidebar.css';

/** The technician's screen: chats on the left, the transcript, the question box; citations open the viewer. */
export function ChatPage() {
  return (
    <FeatureBoundary name="Chat">
      <ChatScreen />
    </FeatureBoundary>
  );
}

function ChatScreen() {
  const { chat, viewer } = useFeatureStores();
  const activeId = useStore(chat, (s) => s.activeId);
  const isEmpty = useStore(chat, (s) => s.transcript.order.length === 0);
  const title = useStore(chat, (s) => s.sessions.find((x) => x.id === s.activeId)?.title ?? 'New chat');
  const docCount = useStore(chat, (s) => s.scopeOptions.documents.length);
  const envLoaded = useStore(chat, (s) => s.envLoaded);
  const error = useStore(chat, (s) => s.error);
  const streaming = useStore(chat, (s) => s.streaming !== null);
  const composer = useRef<ComposerHandle>(null);
  const [sessionsOpen, setSessionsOpen] = useState(false);
  const opener = useRef<HTMLElement | null>(null);

  const routeId = useSessionRoute(chat);

  useEffect(() => {
    if (!chat.getState().sessionsLoaded) void chat.getState().loadSessions();
    void chat.getState().refreshEnvironment();
  }, [chat]);

  const newChat = useCallback(() => {
    chat.getState().newChat();
    viewer.getState().close();
    if (routeId) navigate('chat');
    requestAnimationFrame(() => composer.current?.focus());
  }, [chat, viewer, routeId]);

  // The most recent registration of a combo wins. The shell registers global fallbacks in its own
  // effect, which runs AFTER this page's effects on first mount — so register on the next tick.
  useEffect(() => {
    let offs: Array<() => void> = [];
    const t = setTimeout(() => {
      offs = [
        registerShortcut({ combo: 'mod+n', description: 'New chat', handler: newChat }),
        registerShortcut({ combo: 'mod+l', description: 'Focus the question box', handler: () => composer.current?.focus() })
      ];
    }, 0);
    return () => {
      clearTimeout(t);
      offs.forEach((off) => off());
    };
  }, [newChat]);

  // Esc stops the answer from anywhere on the page (the composer handles it itself too).
  useEffect(() => {
    if (!streaming) return;
    return registerShortcut({ combo: 'escape', description: 'Stop the answer', allowInInput: true, handler: () => void chat.getState().stop() });
  }, [streaming, chat]);

  // When the viewer closes, focus returns to the chip or source that opened it.
  useEffect(
    () =>
      viewer.subscribe((s, prev) => {
        if (prev.isOpen && !s.isOpen) opener.current?.focus();
      }),
    [viewer]
  );

  const onCite = useCallback(
    (src: ChatSource) => {
      opener.current = document.activeElement as HTMLElement | null;
      void viewer.getState().open({
        docId: src.docId,
        docTitle: src.docTitle,
        page: src.page,
        pageLabel: src.pageLabel,
        sectionPath: src.sectionPath,
        // The viewer's quote is what is highlighted: the answer span when there is one.
        quote: src.span ? answerLineText(src.span) : src.quote,
        highlight: src.highlight,
        continued: src.span?.continued
      });
    },
    [viewer]
  );
  const onEdit = useCallback((text: string) => composer.current?.editLast(text), []);

  return (
    <div className={`chat-page page-full${sessionsOpen ? ' sessions-open' : ''}`} onKeyDown={(e) => e.key === 'Escape' && sessionsOpen && setSessionsOpen(false)}>
      <SessionSidebar
        chat={chat}
        onNew={() => (setSessionsOpen(false), newChat())}
        onOpen={(id) => (setSessionsOpen(false), navigate('chat', [id]))}
      />
      {sessionsOpen && <div className="sessions-backdrop" aria-hidden="true" onClick={() => setSessionsOpen(false)} />}
      <section className="chat-main" aria-label="Chat">
        <header className="chat-header">
          {/* Narrow windows hide the chat list; this button (shown only there, chat.css) opens it over the chat. */}
          <button type="button" className="btn btn-small sessions-toggle" aria-expanded={sessionsOpen} onClick={() => setSessionsOpen((o) => !o)}>
            Chats
          </button>
          <h1 className="chat-title" title={title}>
            {activeId ? title : 'New chat'}
          </h1>
          <ReportDetails chat={chat} />
          <ScopePicker chat={chat} />
        </header>
        {error && <ErrorBanner error={error} onDismiss={() => chat.getState().clearError()} />}
        <DamagedEntriesNotice chat={chat} />
        {isEmpty ? (
          <ChatEmpty envLoaded={envLoaded} docCount={docCount} />
        ) : (
          <MessageList chat={chat} onCite={onCite} onEdit={onEdit} />
        )}
        <Composer ref={composer} chat={chat} />
        <CitationViewer variant="panel" />
      </section>
    </div>
  );
}

import { useStore } from 'zustand';
import { Banner } from '../../components/ErrorBanner';
import type { ChatStore } from './chatStore';

/**
 * Says when the open chat's file had damaged records that were set aside on reading (a crash
 * mid-write, a disk error, a hand edit): the messages shown are every intact one, and the
 * original file was copied aside in the sessions folder, so nothing is silently gone.
 */
export function DamagedEntriesNotice({ chat }: { chat: ChatStore }) {
  const count = useStore(chat, (s) => s.damagedEntries);
  if (count <= 0) return null;
  return (
    <div className="chat-banner" data-testid="damaged-entries-notice">
      <Banner kind="warning">
        <strong>
          {count} damaged {count === 1 ? 'entry was' : 'entries were'} set aside
        </strong>
        <p>
          Part of this chat's file could not be read. Every intact message is shown below; a copy of the original file was kept in
          the sessions folder.
        </p>
      </Banner>
    </div>
  );
}

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Api } from '../../../../shared/contract';
import type { ActionOutcome } from '../../../../shared/contract/actions';
import { parseSlash, type NamedDoc } from './slashCommands';

export interface PendingAction {
  proposalId: string;
  name: string;
  summary: string;
}

export interface ActionsState {
  /** A changing action waiting for the user's confirmation (the confirm card). */
  pending: PendingAction | null;
  busy: boolean;
  /** Runs a slash command; false when the text was not one (ask it as a question instead). */
  runCommand(text: string, sessionId: string | null, docs: NamedDoc[]): Promise<boolean>;
  confirm(): Promise<void>;
  cancel(): Promise<void>;
  /**
   * Confirms or declines a card the chat model proposed in an answer (stored on the answer, so
   * it works after a reload); resolves with what the card became — the core stores the same.
   */
  decide(card: { proposalId: string; sessionId: string; messageId: string }, confirm: boolean): Promise<Decided | null>;
  /** Opens the page a read-only open_page action named. */
  openPage(docId: string, page: number): void;
}

export interface Decided {
  status: 'confirmed' | 'declined' | 'refused';
  text: string;
}

export type ActionsStore = StoreApi<ActionsState>;

/** What the page does with an outcome: show a message, open a page. Injected so the store stays UI-free. */
export interface ActionsUi {
  notify(message: string, kind: 'info' | 'success' | 'error'): void;
  openPage(docId: string, page: number): void;
}

export function createActionsStore(api: Api, ui: ActionsUi): ActionsStore {
  return createStore<ActionsState>((set, get) => {
    const settle = (o: ActionOutcome): void => {
      if (o.status === 'confirm') return set({ pending: { proposalId: o.proposalId, name: o.name, summary: o.summary } });
      set({ pending: null });
      if (o.status === 'refused') return ui.notify(o.reason, 'error');
      if (o.name === 'open_page') {
        const r = o.result as { docId: string; page: number };
        ui.openPage(r.docId, r.page);
      }
      ui.notify(o.summary, 'success');
    };
    return {
      pending: null,
      busy: false,
      async runCommand(text, sessionId, docs) {
        const parsed = parseSlash(text, docs);
        if (!parsed) return false;
        if ('error' in parsed) {
          ui.notify(parsed.error, 'error');
          return true;
        }
        set({ busy: true });
        const r = await api.actions.propose({ name: parsed.name, args: parsed.args, ...(sessionId ? { sessionId } : {}) });
        set({ busy: false });
        if (r.ok) settle(r.value);
        else ui.notify(r.error.message, 'error');
        return true;
      },
      async confirm() {
        const p = get().pending;
        if (!p) return;
        set({ busy: true });
        const r = await api.actions.confirm({ proposalId: p.proposalId });
        set({ busy: false });
        if (r.ok) return settle(r.value);
        set({ pending: null });
        ui.notify(r.error.message, 'error');
      },
      async cancel() {
        const p = get().pending;
        set({ pending: null });
        if (p) await api.actions.cancel({ proposalId: p.proposalId });
      },
      async decide(card, yes) {
        if (!yes) {
          const r = await api.actions.cancel(card);
          return r.ok ? { status: 'declined', text: '' } : (ui.notify(r.error.message, 'error'), null);
        }
        const r = await api.actions.confirm(card);
        if (!r.ok) return (ui.notify(r.error.message, 'error'), null);
        // Not settle(): a slash command's card waiting in the composer stays where it is.
        const o = r.value;
        if (o.status === 'done') return (ui.notify(o.summary, 'success'), { status: 'confirmed', text: o.summary });
        const reason = o.status === 'refused' ? o.reason : '';
        return (ui.notify(reason, 'error'), { status: 'refused', text: reason });
      },
      openPage(docId, page) {
        ui.openPage(docId, page);
      }
    };
  });
}

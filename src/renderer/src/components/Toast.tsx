import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { Button } from './Button';

export type ToastKind = 'info' | 'success' | 'error';
export interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

interface ToastState {
  items: ToastItem[];
}

/** App-wide toasts: `toast('Saved', 'success')` from anywhere (stores included). */
export const toasts = createStore<ToastState>(() => ({ items: [] }));
let nextId = 1;

export function toast(message: string, kind: ToastKind = 'info', ms = kind === 'error' ? 8000 : 4000): number {
  const id = nextId++;
  toasts.setState((s) => ({ items: [...s.items.slice(-3), { id, kind, message }] }));
  if (typeof window !== 'undefined') window.setTimeout(() => dismissToast(id), ms);
  return id;
}

export function dismissToast(id: number): void {
  toasts.setState((s) => ({ items: s.items.filter((t) => t.id !== id) }));
}

export function ToastHost() {
  const items = useStore(toasts, (s) => s.items);
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {items.map((t) => (
        <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast-body">{t.message}</div>
          <Button size="small" variant="ghost" aria-label="Dismiss notification" onClick={() => dismissToast(t.id)}>
            ✕
          </Button>
        </div>
      ))}
    </div>
  );
}

/**
 * The renderer's single way to reach the core. In Electron the preload exposes `window.api`
 * (IPC); in the web host there is no preload, so the same `Api` is built over a WebSocket.
 * Features take the api as a parameter (store creators) — only the app root calls getApi().
 */
import type { Api } from '../../../shared/contract';
import type { HostKind } from '../../../shared/contract/app';
import { createApiClient } from '../../../shared/contract/client';
import type { Result } from '../../../shared/result';
import { createWsTransport, type ConnectionState, type WsTransport } from './wsTransport';

declare global {
  interface Window {
    api?: Api;
    /** Electron only: grants for files dropped on the window (see preload). */
    benchmateFiles?: { grantDropped(files: File[]): Promise<Result<{ paths: string[] }>> };
  }
}


let cached: Api | undefined;
let transport: WsTransport | undefined;

/** 'electron' when the preload exposed window.api, otherwise 'web' (the loopback web host). */
export function hostKind(): Extract<HostKind, 'electron' | 'web'> {
  return typeof window !== 'undefined' && window.api ? 'electron' : 'web';
}

/** The session token the web host printed in the page URL (kept for reloads in sessionStorage). */
export function webToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    try {
      sessionStorage.setItem('benchmate.token', fromUrl);
    } catch {
      /* storage may be disabled; the URL still carries the token */
    }
    return fromUrl;
  }
  try {
    return sessionStorage.getItem('benchmate.token') ?? '';
  } catch {
    return '';
  }
}

/** ws://host/ws?token=… on the same origin that served the page. */
export function webSocketUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/ws?token=${encodeURIComponent(webToken())}`;
}

export function getApi(): Api {
  if (cached) return cached;
  if (window.api) return (cached = window.api);
  transport = createWsTransport({ url: webSocketUrl() });
  return (cached = createApiClient(transport.invoke, transport.subscribe));
}

/** Connection state of the web transport ('open' always in Electron). */
export function connectionState(): ConnectionState {
  getApi();
  return transport ? transport.state() : 'open';
}

export function onConnectionState(listener: (s: ConnectionState) => void): () => void {
  getApi();
  return transport ? transport.onState(listener) : () => {};
}

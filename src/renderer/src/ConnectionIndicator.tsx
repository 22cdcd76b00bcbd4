import { useEffect, useState } from 'react';
import { Badge } from './components/Badge';
import { connectionState, hostKind, onConnectionState } from './lib/api';
import type { ConnectionState } from './lib/wsTransport';

/** Web host only: shows when the WebSocket to the core is down (calls then fail with OFFLINE). */
export function ConnectionIndicator() {
  const [state, setState] = useState<ConnectionState>(() => connectionState());
  useEffect(() => {
    const off = onConnectionState(setState);
    // The socket may have opened between the first render and this subscription.
    setState(connectionState());
    return off;
  }, []);
  if (hostKind() === 'electron') return null;
  return (
    <div role="status" aria-live="polite">
      {state === 'open' ? (
        <Badge tone="ok">Connected</Badge>
      ) : state === 'connecting' ? (
        <Badge tone="warn">Connecting…</Badge>
      ) : (
        <Badge tone="error">Disconnected — retrying</Badge>
      )}
    </div>
  );
}

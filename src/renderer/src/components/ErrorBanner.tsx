import type { ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/result';
import { Button } from './Button';

export interface ErrorBannerProps {
  title?: string;
  error: AppErrorData | string;
  onRetry?: () => void;
  onDismiss?: () => void;
  children?: ReactNode;
}

/** A clear, dismissable error with the code for support and an optional retry. */
export function ErrorBanner({ title = 'Something went wrong', error, onRetry, onDismiss, children }: ErrorBannerProps) {
  const message = typeof error === 'string' ? error : error.message;
  const code = typeof error === 'string' ? undefined : error.code;
  return (
    <div className="banner banner-error" role="alert">
      <div className="banner-body">
        <strong>{title}</strong>
        <p>
          {message}
          {code && <span className="muted"> ({code})</span>}
        </p>
        {children}
      </div>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          Retry
        </Button>
      )}
      {onDismiss && (
        <Button size="small" variant="ghost" onClick={onDismiss} aria-label="Dismiss error">
          ✕
        </Button>
      )}
    </div>
  );
}

export function Banner({ kind, children }: { kind: 'info' | 'warning'; children: ReactNode }) {
  return (
    <div className={`banner banner-${kind}`} role="status">
      <div className="banner-body">{children}</div>
    </div>
  );
}

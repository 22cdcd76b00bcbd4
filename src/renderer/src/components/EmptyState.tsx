import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon?: string;
  title: string;
  /** Tell a first-time user exactly what to do next. */
  children?: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon = '📄', title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty">
      <div className="empty-icon" aria-hidden="true">
        {icon}
      </div>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Icon, type IconName } from './Icon';

export interface EmptyStateProps {
  icon?: IconName;
  title: string;
  /** Tell a first-time user exactly what to do next. */
  children?: ReactNode;
  actions?: ReactNode;
}

export function EmptyState({ icon = 'file', title, children, actions }: EmptyStateProps) {
  return (
    <div className="empty">
      <div className="empty-icon" aria-hidden="true">
        <Icon name={icon} size={36} />
      </div>
      <h2>{title}</h2>
      {children && <p>{children}</p>}
      {actions && <div className="row">{actions}</div>}
    </div>
  );
}

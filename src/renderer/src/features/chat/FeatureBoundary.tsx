import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Button } from '../../components/Button';

interface Props {
  name: string;
  children: ReactNode;
}

/**
 * Keeps a rendering bug in one screen from blanking the whole app (React unmounts the tree on an
 * uncaught render error): shows what failed and offers a retry.
 */
export class FeatureBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[${this.props.name}] render failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="banner banner-error feature-error" role="alert">
        <div className="banner-body">
          <strong>{this.props.name} could not be shown</strong>
          <p>{this.state.error.message}</p>
        </div>
        <Button size="small" onClick={() => this.setState({ error: null })}>
          Try again
        </Button>
      </div>
    );
  }
}

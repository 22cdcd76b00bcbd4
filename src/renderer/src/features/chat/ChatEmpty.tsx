import { EmptyState } from '../../components/EmptyState';
import { routeHref } from '../../lib/router';

/** What an empty chat shows: a way to the Library when there are no manuals, else example questions. */
export function ChatEmpty({ envLoaded, docCount }: { envLoaded: boolean; docCount: number }) {
  return (
    <div className="chat-empty">
      {!envLoaded ? null : docCount === 0 ? (
        <EmptyState
          icon="library"
          title="Import a manual to get started"
          actions={
            <a className="btn btn-primary" href={routeHref('library')}>
              Open the Library
            </a>
          }
        >
          Benchmate answers from your PDF manuals only. Import one or more manuals in the Library, then ask here.
        </EmptyState>
      ) : (
        <EmptyState icon="chat" title="Ask the manuals">
          For example: “What does fault E-204 mean?” or “How do I replace the drive belt?”. Every answer cites the pages it comes from.
        </EmptyState>
      )}
    </div>
  );
}

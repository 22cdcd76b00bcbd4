import type { ChatSource } from '../../../../shared/contract/sessions';
import { routeHref } from '../../lib/router';
import { AnswerLine } from './AnswerLine';
import { MoreSources } from './MoreSources';

/**
 * A search-only answer: one small badge, the answer line first, then "More in the manuals".
 * Every source appears once (the answer line's own page is not repeated below).
 */
export function SearchOnlyAnswer({ sources, onCite }: { sources: ChatSource[]; onCite: (s: ChatSource) => void }) {
  if (!sources.length) return null;
  return (
    <div className="search-only">
      <a className="badge badge-info search-only-badge" data-banner="search-only" href={routeHref('models')} title="No chat model is loaded: the answer is the line of the manuals that matches best. Load a model for written answers.">
        search-only
      </a>
      <AnswerLine source={sources[0]} onOpen={onCite} />
      <MoreSources sources={sources.slice(1)} onOpen={onCite} />
    </div>
  );
}

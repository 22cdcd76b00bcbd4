import type { MissingTerms } from '../../../shared/contract/search';
import type { ChatSource } from '../../../shared/contract/sessions';
import { describeSource } from './citations';
import type { RetrievedPassage } from './ports';

/** Fixed wording the admin gap report and tests can rely on (it starts every not_found answer). */
export const NOT_FOUND_TEXT = 'I could not find this in the manuals.';
export const SEARCH_ONLY_LABEL = 'Search-only mode (no language model is loaded): the most relevant passages from the manuals.';

/** How many of the closest sections a not_found answer lists. */
export const CLOSEST_SECTIONS = 3;

export function notFoundAnswer(closest: ChatSource[], missing?: MissingTerms): string {
  const why = missingTermsLine(missing);
  if (!closest.length) return `${NOT_FOUND_TEXT}${why ? ` ${why}` : ''} No indexed manual matched the question.`;
  const lines = closest.map((s) => `- ${describeSource(s)}`);
  return `${NOT_FOUND_TEXT}${why ? ` ${why}` : ''}\n\nClosest sections (they may not answer the question):\n${lines.join('\n')}`;
}

/** "The manuals never mention ESP32." / "Missing on these pages: SatNOGS." ('' when nothing is missing). */
export function missingTermsLine(missing: MissingTerms | undefined): string {
  const parts: string[] = [];
  if (missing?.neverMentioned.length) parts.push(`The manuals never mention ${missing.neverMentioned.join(', ')}.`);
  if (missing?.notOnPages.length) parts.push(`Missing on these pages: ${missing.notOnPages.join(', ')}.`);
  return parts.join(' ');
}

export function searchOnlyAnswer(sources: ChatSource[], passages: RetrievedPassage[]): string {
  const parts = sources.map((s, i) => `[${s.n}] ${describeSource(s)}\n> ${excerpt(passages[i]).replace(/\n+/g, ' ')}`);
  return `${SEARCH_ONLY_LABEL}\n\n${parts.join('\n\n')}`;
}

/** ~320 characters of the passage centred on its highlight (offsets are page-relative). */
export function excerpt(p: RetrievedPassage, max = 320): string {
  const text = p.text.replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  let start = 0;
  if (p.charStart !== undefined && p.highlight.charStart >= p.charStart) {
    start = Math.max(0, Math.min(text.length - max, p.highlight.charStart - p.charStart - 80));
  }
  const slice = text.slice(start, start + max);
  return `${start > 0 ? '…' : ''}${slice.trim()}${start + max < text.length ? '…' : ''}`;
}

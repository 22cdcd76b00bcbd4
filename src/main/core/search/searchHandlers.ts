import type { Handlers } from '../../../shared/contract';
import type { SearchService } from './searchService';

export function searchHandlers(svc: SearchService): Pick<Handlers, 'search.query'> {
  return {
    'search.query': (input) => svc.query({ text: input.text, filters: input.filters, limit: input.limit })
  };
}

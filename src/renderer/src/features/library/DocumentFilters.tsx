import { useMemo } from 'react';
import { useStore } from 'zustand';
import { useAppStores } from '../../lib/appContext';
import { facetValues } from './documentTable';

const STATUSES: Array<[string, string]> = [
  ['', 'Any status'],
  ['ready', 'Ready'],
  ['importing', 'Importing'],
  ['needs_password', 'Password needed'],
  ['needs_ocr', 'Needs OCR'],
  ['failed', 'Failed']
];

export function DocumentFilters() {
  const { library } = useAppStores();
  const docs = useStore(library, (s) => s.documents);
  const filter = useStore(library, (s) => s.filter);
  const setFilter = useStore(library, (s) => s.setFilter);
  const facets = useMemo(() => facetValues(docs), [docs]);

  return (
    <div className="filters" role="search" aria-label="Filter documents">
      <input
        type="search"
        className="filter-text"
        placeholder="Filter documents…"
        aria-label="Filter documents"
        value={filter.text}
        onChange={(e) => setFilter({ text: e.target.value })}
      />
      <select aria-label="Status" value={filter.status} onChange={(e) => setFilter({ status: e.target.value })}>
        {STATUSES.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
      <select aria-label="Machine model" value={filter.machineModel} onChange={(e) => setFilter({ machineModel: e.target.value })}>
        <option value="">Any model</option>
        {facets.machineModels.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
      <select aria-label="Tag" value={filter.tag} onChange={(e) => setFilter({ tag: e.target.value })}>
        <option value="">Any tag</option>
        {facets.tags.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
      <select aria-label="Language" value={filter.language} onChange={(e) => setFilter({ language: e.target.value })}>
        <option value="">Any language</option>
        {facets.languages.map((v) => (
          <option key={v}>{v}</option>
        ))}
      </select>
    </div>
  );
}

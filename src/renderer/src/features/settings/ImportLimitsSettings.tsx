import type { Settings, SettingsPatch } from '../../../../shared/contract/settings';
import { NumberField } from './NumberField';

const MB = 1024 * 1024;

/**
 * Library › Import limits: a file over one fails alone with the limit named ("too large to read
 * safely: 300 MB, limit 200 MB — change it in Settings › Import limits"); these fields are where.
 */
export function ImportLimitsSettings({ library, update }: { library: Settings['library']; update: (patch: SettingsPatch) => void }) {
  return (
    <section className="section" aria-labelledby="set-import-limits">
      <h2 id="set-import-limits">Import limits</h2>
      <p className="muted small">Files over a limit are not imported; the others go on. Raise a limit only for a file you trust.</p>
      <div className="fields-3">
        <NumberField label="Largest file (MB)" value={Math.round(library.maxFileBytes / MB)} min={1} max={100_000} onCommit={(mb) => update({ library: { maxFileBytes: mb * MB } })} />
        <NumberField label="Most pages" value={library.maxPages} min={1} max={1_000_000} onCommit={(maxPages) => update({ library: { maxPages } })} />
        <NumberField label="Reading time per file (s)" value={library.parseTimeLimitSec} min={1} max={86_400} onCommit={(parseTimeLimitSec) => update({ library: { parseTimeLimitSec } })} />
        <NumberField label="Reader memory (MB)" hint="Memory ceiling of the PDF reader" value={library.parseMemoryMb} min={64} max={16_384} onCommit={(parseMemoryMb) => update({ library: { parseMemoryMb } })} />
        <NumberField
          label="Largest compressed stream (MB)"
          hint="Stops compressed-stream bombs"
          value={Math.round(library.maxStreamBytes / MB)}
          min={1}
          max={100_000}
          onCommit={(mb) => update({ library: { maxStreamBytes: mb * MB } })}
        />
      </div>
    </section>
  );
}

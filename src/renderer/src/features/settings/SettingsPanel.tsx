import { useStore } from 'zustand';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useAppStores } from '../../lib/appContext';
import { NumberField } from './NumberField';
import { ImportLimitsSettings } from './ImportLimitsSettings';
import { OcrSettings } from './OcrSettings';
import { ThemePicker } from './ThemePicker';
import { BackupSection } from '../backup/BackupSection';

const GPU_LABELS: Record<string, string> = {
  auto: 'Automatic',
  off: 'Off (CPU only)',
  cuda: 'NVIDIA CUDA',
  vulkan: 'Vulkan',
  metal: 'Apple Metal'
};

/** Settings that change how answers are produced and kept; each field saves itself. */
export function SettingsPanel() {
  const { settings: store } = useAppStores();
  const settings = useStore(store, (s) => s.settings);
  const error = useStore(store, (s) => s.error);
  const update = useStore(store, (s) => s.update);
  const load = useStore(store, (s) => s.load);

  if (!settings) {
    return error ? <ErrorBanner title="Could not load settings" error={error} onRetry={() => void load()} /> : <p className="muted">Loading settings…</p>;
  }
  const m = settings.models;
  const r = settings.retrieval;
  const retention = settings.sessions.retentionDays;

  return (
    <div className="stack settings">
      {error && <ErrorBanner title="Setting not saved" error={error} />}
      <section className="section" aria-labelledby="set-appearance">
        <h2 id="set-appearance">Appearance</h2>
        <ThemePicker value={settings.ui.theme} onChange={(theme) => void update({ ui: { theme } })} />
      </section>

      <section className="section" aria-labelledby="set-runtime">
        <h2 id="set-runtime">Model runtime</h2>
        <div className="fields-3">
          <NumberField label="CPU threads" hint="0 = one per physical core" value={m.threads} min={0} max={256} onCommit={(threads) => void update({ models: { threads } })} />
          <NumberField label="Context size (tokens)" hint="0 = automatic (fits memory)" value={m.contextSize} min={0} max={1_048_576} onCommit={(contextSize) => void update({ models: { contextSize } })} />
          <label className="field">
            <span>GPU</span>
            <select value={m.gpu} onChange={(e) => void update({ models: { gpu: e.target.value as typeof m.gpu } })}>
              {Object.entries(GPU_LABELS).map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </select>
            <span className="field-hint">Automatic uses a GPU when one is available. Applies the next time a model loads.</span>
          </label>
        </div>
      </section>

      <section className="section" aria-labelledby="set-retrieval">
        <h2 id="set-retrieval">Answers</h2>
        <div className="fields-3">
          <NumberField label="Results per answer" hint="Manual pages given to the model (1–20)" value={r.resultsPerAnswer} min={1} max={20} onCommit={(resultsPerAnswer) => void update({ retrieval: { resultsPerAnswer } })} />
          <NumberField
            label="Evidence threshold"
            hint="0–1. Below it, Benchmate says the answer is not in the manuals."
            value={r.evidenceThreshold}
            min={0}
            max={1}
            step={0.05}
            onCommit={(evidenceThreshold) => void update({ retrieval: { evidenceThreshold } })}
          />
        </div>
      </section>

      <section className="section" aria-labelledby="set-retention">
        <h2 id="set-retention">Session history</h2>
        <div className="fields-3">
          <label className="field">
            <span>Keep chat sessions</span>
            <select
              value={retention === null ? 'forever' : 'days'}
              onChange={(e) => void update({ sessions: { retentionDays: e.target.value === 'forever' ? null : 90 } })}
            >
              <option value="forever">Forever</option>
              <option value="days">For a number of days</option>
            </select>
          </label>
          {retention !== null && (
            <NumberField label="Retention (days)" hint="Older sessions are deleted; pinned ones are kept." value={retention} min={1} max={36500} onCommit={(retentionDays) => void update({ sessions: { retentionDays } })} />
          )}
        </div>
      </section>
      <OcrSettings library={settings.library} update={(patch) => void update(patch)} />
      <ImportLimitsSettings library={settings.library} update={(patch) => void update(patch)} />

      <BackupSection />
    </div>
  );
}

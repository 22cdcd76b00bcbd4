import type { Settings, SettingsPatch } from '../../../../shared/contract/settings';
import { NumberField } from './NumberField';

/** Library › OCR: whether imports recognise scanned pages by themselves, and how. */
export function OcrSettings({ library, update }: { library: Settings['library']; update: (patch: SettingsPatch) => void }) {
  return (
    <section className="section" aria-labelledby="set-ocr">
      <h2 id="set-ocr">Scanned manuals (OCR)</h2>
      <label className="field field-check">
        <input type="checkbox" checked={library.ocrAuto} onChange={(e) => update({ library: { ocrAuto: e.target.checked } })} />
        <span>OCR scanned pages automatically</span>
      </label>
      <p className="muted small">
        Pages without a text layer are recognised on import (about 2–10 s a page). When off, scanned documents show “Needs OCR” with a Run OCR action.
      </p>
      <div className="fields-3">
        <label className="field">
          <span>OCR language</span>
          <input
            defaultValue={library.ocrLanguage}
            key={library.ocrLanguage}
            aria-describedby="ocr-lang-hint"
            onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== library.ocrLanguage && update({ library: { ocrLanguage: e.target.value.trim() } })}
          />
          <span id="ocr-lang-hint" className="field-hint">
            Tesseract codes, e.g. eng or eng+deu
          </span>
        </label>
        <NumberField label="OCR resolution (dpi)" hint="200 suits most scans; 300 for small print" value={library.ocrDpi} min={100} max={600} onCommit={(ocrDpi) => update({ library: { ocrDpi } })} />
      </div>
    </section>
  );
}

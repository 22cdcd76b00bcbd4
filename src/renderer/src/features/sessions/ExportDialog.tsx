import { useState } from 'react';
import type { ExportFormat } from '../../../../shared/contract/export';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { EXPORT_FORMATS } from './sessionsStore';

export interface ExportDialogProps {
  count: number;
  busy: boolean;
  onExport: (format: ExportFormat) => void;
  onClose: () => void;
}

const HINTS: Record<ExportFormat, string> = {
  pdf: 'Printable service report: machine, serial, technician, every answer with its citations and an audit hash.',
  md: 'Plain text with headings — easy to paste into a ticket.',
  html: 'A single web page, opens in any browser.',
  json: 'Structured data with a versioned schema, for other tools.'
};

/** Format picker for exporting one or more sessions. */
export function ExportDialog({ count, busy, onExport, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('pdf');
  return (
    <Dialog
      title={count === 1 ? 'Export session' : `Export ${count} sessions`}
      onClose={onClose}
      initialFocus="input[name=export-format]:checked"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" busy={busy} onClick={() => onExport(format)} data-export-confirm>
            Export
          </Button>
        </>
      }
    >
      <fieldset className="export-formats">
        <legend className="visually-hidden">Format</legend>
        {EXPORT_FORMATS.map((f) => (
          <label key={f.id} className={`export-format${format === f.id ? ' is-on' : ''}`}>
            <input type="radio" name="export-format" value={f.id} checked={format === f.id} onChange={() => setFormat(f.id)} />
            <span>
              <strong>{f.label}</strong> <span className="muted">.{f.ext}</span>
              <br />
              <span className="muted export-hint">{HINTS[f.id]}</span>
            </span>
          </label>
        ))}
      </fieldset>
    </Dialog>
  );
}

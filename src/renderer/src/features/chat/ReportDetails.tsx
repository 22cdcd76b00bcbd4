import { useState } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import type { ChatStore } from './chatStore';
import { reportSummary } from './reportSummary';

/**
 * Machine, serial number and technician of the open session: they head the exported service
 * report. Optional; shown as a compact summary in the chat header.
 */
export function ReportDetails({ chat }: { chat: ChatStore }) {
  const session = useStore(chat, (s) => s.sessions.find((x) => x.id === s.activeId) ?? null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!session) return null;
  const summary = reportSummary(session);

  const save = async (form: HTMLFormElement) => {
    const f = new FormData(form);
    setBusy(true);
    const ok = await chat.getState().updateDetails(session.id, {
      machine: String(f.get('machine') ?? '').trim(),
      serialNumber: String(f.get('serialNumber') ?? '').trim(),
      technician: String(f.get('technician') ?? '').trim()
    });
    setBusy(false);
    if (ok) setOpen(false);
  };

  return (
    <>
      <Button size="small" variant="ghost" className="report-details" onClick={() => setOpen(true)} title="Machine, serial number and technician for the service report">
        <span className="report-details-text">{summary}</span>
      </Button>
      {open && (
        <Dialog
          title="Service report details"
          onClose={() => setOpen(false)}
          footer={
            <>
              <Button onClick={() => setOpen(false)}>Cancel</Button>
              <Button variant="primary" type="submit" form="report-details-form" busy={busy}>
                Save
              </Button>
            </>
          }
        >
          <form
            id="report-details-form"
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void save(e.currentTarget);
            }}
          >
            <label className="field">
              <span>Machine</span>
              <input name="machine" defaultValue={session.machine} maxLength={200} placeholder="X200 line 3" />
            </label>
            <label className="field">
              <span>Serial number</span>
              <input name="serialNumber" defaultValue={session.serialNumber} maxLength={200} />
            </label>
            <label className="field">
              <span>Technician</span>
              <input name="technician" defaultValue={session.technician} maxLength={200} />
            </label>
          </form>
        </Dialog>
      )}
    </>
  );
}

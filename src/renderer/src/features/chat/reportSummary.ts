/**
 * The chat header's summary of the service-report details. The technician is filled in from the
 * signed-in profile, so alone it said just "Admin" in the header — read as a role badge, not as
 * "machine details for the report". Until a machine or serial is set, the button invites adding them.
 */
export function reportSummary(d: { machine?: string; serialNumber?: string; technician?: string }): string {
  if (!d.machine && !d.serialNumber) return 'Add machine details';
  return [d.machine, d.serialNumber && `S/N ${d.serialNumber}`, d.technician].filter(Boolean).join(' · ');
}

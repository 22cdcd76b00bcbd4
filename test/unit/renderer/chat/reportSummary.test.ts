import { describe, expect, it } from 'vitest';
import { reportSummary } from '../../../../src/renderer/src/features/chat/reportSummary';

describe('reportSummary (chat header)', () => {
  it('invites adding machine details while only the auto-filled technician is known', () => {
    expect(reportSummary({ technician: 'Admin' })).toBe('Add machine details');
    expect(reportSummary({ machine: '', serialNumber: '', technician: 'Ana Silva' })).toBe('Add machine details');
  });
  it('names machine, serial and technician once a machine or serial is set', () => {
    expect(reportSummary({ machine: 'X200 line 3', serialNumber: 'A-77', technician: 'Ana Silva' })).toBe('X200 line 3 · S/N A-77 · Ana Silva');
    expect(reportSummary({ serialNumber: 'A-77', technician: 'Ana Silva' })).toBe('S/N A-77 · Ana Silva');
  });
});

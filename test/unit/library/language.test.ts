import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/main/core/library/language';

describe('language detection at import', () => {
  it('names the language of manual prose', () => {
    expect(detectLanguage(['Before you open the cover, switch off the machine and wait for the fan to stop. The filter must be replaced when the warning light is on, and it is not allowed to run the pump with the valve closed.'])).toBe('en');
    expect(detectLanguage(['Vor dem Öffnen der Abdeckung die Maschine ausschalten und warten, bis der Lüfter steht. Der Filter muss ersetzt werden, wenn die Warnleuchte an ist; die Pumpe darf nicht mit geschlossenem Ventil laufen, und das ist für die Sicherheit der Bediener wichtig.'])).toBe('de');
    expect(detectLanguage(['Avant d’ouvrir le capot, arrêtez la machine et attendez que le ventilateur soit arrêté. Le filtre doit être remplacé lorsque le voyant est allumé ; la pompe ne doit pas fonctionner avec la vanne fermée, pour la sécurité des opérateurs et du matériel.'])).toBe('fr');
  });

  it('says nothing for too little text or tables of numbers', () => {
    expect(detectLanguage(['Torque 25 Nm'])).toBe('');
    expect(detectLanguage(['P-7 4410-22 M8 25 Nm 0.8 mm X200 E-204 3/8" 120 V 60 Hz '.repeat(50)])).toBe('');
    expect(detectLanguage([])).toBe('');
  });
});

describe('import sets the language unless the admin gave one', () => {
  it('an English manual is "en"; --lang wins', { timeout: 120_000 }, async () => {
    const { join } = await import('node:path');
    const { tempCore } = await import('../../helpers/tempCore');
    const { makeManualPdf, writePdf } = await import('../../fixtures/pdf/makePdf');
    const { sampleManualSpec } = await import('../../fixtures/pdf/sampleManual');
    const { core, dir, cleanup } = await tempCore();
    try {
      const a = await writePdf(join(dir, 'in'), 'a.pdf', await makeManualPdf(sampleManualSpec()));
      const b = await writePdf(join(dir, 'in'), 'b.pdf', await makeManualPdf({ ...sampleManualSpec(), title: 'Other' }));
      for (const [paths, metadata] of [[[a], undefined], [[b], { language: 'de' }]] as const) {
        const r = await core.api.library.import({ paths: [...paths], metadata });
        if (!r.ok) throw new Error(r.error.message);
        await core.jobs.wait(r.value.files[0].jobId);
      }
      const docs = await core.api.library.list();
      if (!docs.ok) throw new Error(docs.error.message);
      expect(docs.value.map((d) => [d.fileName, d.language]).sort()).toEqual([['a.pdf', 'en'], ['b.pdf', 'de']]);
    } finally {
      await cleanup();
    }
  });
});

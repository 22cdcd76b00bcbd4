/**
 * Where tesseract's language data comes from: never the network. By default the LSTM-only
 * ("best_int") traineddata shipped in the `@tesseract.js-data/<lang>` npm package; other
 * languages: install `@tesseract.js-data/<code>` (e.g. deu) or point the `library.ocrLangPath`
 * setting at a folder holding `<code>.traineddata.gz` for every language in `library.ocrLanguage`
 * ("eng+deu" = both).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../../platform/errors';

const require = createRequire(import.meta.url);

/** The OCR step's options from the OCR settings (the language data folder resolved now). */
export function ocrOptions(o: { ocrLanguage: string; ocrLangPath: string; ocrDpi: number }): { lang: string; langPath: string; dpi: number } {
  return { lang: o.ocrLanguage, langPath: resolveLangPath(o.ocrLanguage, o.ocrLangPath), dpi: o.ocrDpi };
}

export function resolveLangPath(lang: string, configured = ''): string {
  const codes = lang.split('+').filter(Boolean);
  if (!codes.length) throw new AppError('INVALID_INPUT', 'OCR language is empty.');
  const has = (dir: string) => codes.every((c) => existsSync(join(dir, `${c}.traineddata.gz`)));
  if (configured) {
    if (!has(configured)) throw new AppError('NOT_FOUND', `OCR language data ${codes.map((c) => `${c}.traineddata.gz`).join(', ')} not found in ${configured}.`);
    return configured;
  }
  for (const c of codes) {
    let dir: string | undefined;
    try {
      dir = join(dirname(require.resolve(`@tesseract.js-data/${c}/package.json`)), '4.0.0_best_int');
    } catch {
      /* package not installed */
    }
    // One folder must hold every language: fine for a single code, else use the setting.
    if (dir && has(dir)) return dir;
  }
  throw new AppError(
    'NOT_FOUND',
    `No OCR language data for "${lang}": install @tesseract.js-data/${codes[0]} or set library.ocrLangPath to a folder with ${codes.map((c) => `${c}.traineddata.gz`).join(', ')}.`
  );
}

/**
 * pdf-parse (and with it pdf.js) is loaded on first use, never at start-up: the main process only
 * hands bytes to parse workers, and importing pdf.js there cost 40 MB (plain Node) to 170 MB
 * (under tsx, the CLI) of resident memory that a one-page import never needed.
 *
 * Under tsx (CLI, vitest) every module imported from our .ts code goes through tsx's loader,
 * which transforms and source-maps even node_modules: pdf.js then costs ~185 MB and the patched
 * pdf.js worker module ~260 MB per thread instead of ~35 and ~75 MB. Workers therefore run a
 * plain JS bundle without tsx (workerEntry.ts); only its fallback, the tsx worker bootstrap,
 * installs a plain `import()` taken from outside tsx's namespace, and pdf.js is imported through
 * it by absolute URL. The bundles have no such hook and import normally.
 */
import type * as PdfParseModule from 'pdf-parse';

const PLAIN_IMPORT = '__benchmatePlainImport';

/** The source line the tsx worker bootstrap runs before tsx loads: a plain import() for big JS modules. */
export const PLAIN_IMPORT_BOOTSTRAP = `globalThis.${PLAIN_IMPORT} = (url) => import(url);`;

type Importer = (url: string) => Promise<unknown>;

/** Imports a module by URL (file: or data:), bypassing tsx when the bootstrap allows it. */
export function plainImport<T>(url: string): Promise<T> {
  const plain = (globalThis as Record<string, unknown>)[PLAIN_IMPORT] as Importer | undefined;
  return (plain ? plain(url) : import(/* @vite-ignore */ url)) as Promise<T>;
}

let pdfParse: Promise<typeof PdfParseModule> | undefined;

export function loadPdfParse(): Promise<typeof PdfParseModule> {
  pdfParse ??= (globalThis as Record<string, unknown>)[PLAIN_IMPORT]
    ? // tsx resolves bare names to URLs carrying its namespace query; the plain import must not.
      plainImport<typeof PdfParseModule>(import.meta.resolve('pdf-parse').replace(/\?.*$/, ''))
    : import('pdf-parse');
  return pdfParse;
}

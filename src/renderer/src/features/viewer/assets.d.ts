/** Vite asset-URL imports used by the viewer (tsconfig.web.json does not load vite/client types). */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}

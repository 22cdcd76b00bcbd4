import { pageKey, type AnswerPorts } from '../../../src/main/core/answer/answerService';

/** AnswerPorts.pageTexts over a lookup of single pages (undefined: the page is not indexed). */
export const pagesPort =
  (text: (docId: string, page: number) => string | undefined): AnswerPorts['pageTexts'] =>
  async (pages) =>
    new Map(
      pages.flatMap((p): Array<[string, string]> => {
        const t = text(p.docId, p.page);
        return t === undefined ? [] : [[pageKey(p), t]];
      })
    );

import type { Handlers } from '../../../shared/contract';
import type { LibraryService } from './libraryService';

type LibraryMethod = Extract<keyof Handlers, `library.${string}`>;

export function libraryHandlers(svc: LibraryService): Pick<Handlers, LibraryMethod> {
  return {
    'library.import': (i) => svc.import(i.paths, i.metadata, i.ocr),
    'library.list': (i) => svc.list(i ?? {}),
    'library.get': (i) => svc.get(i.id),
    'library.update': (i) => svc.update(i.id, i.patch),
    'library.delete': (i) => svc.delete(i.id),
    'library.reindex': (i) => svc.reindex(i.id),
    'library.unlock': (i) => svc.unlock(i.id, i.password),
    'library.pauseImports': async (i) => svc.pauseImports(i.paused),
    'library.importsPaused': async () => svc.importsPaused(),
    'library.ocr': (i) => svc.ocr(i.id, i.mode),
    'library.pageWords': (i) => svc.pageWords(i.docId, i.page),
    'library.stats': () => svc.stats(),
    'library.optimize': async () => svc.optimize(),
    'library.pageText': (i) => svc.pageText(i.docId, i.page),
    'library.fileBytes': (i) => svc.fileBytes(i.docId)
  };
}

import { useRef, useState, type DragEvent } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { toast } from '../../components/Toast';
import { hostKind } from '../../lib/api';
import { useApi, useAppStores } from '../../lib/appContext';
import { pickFiles, uploadFile } from '../../lib/hostFiles';
import { uploadEach } from '../../lib/uploadQueue';
import { filesFromDrop, pdfsFromList } from './dropFiles';

/**
 * Drop zone + "Add files" / "Add folder". Web host: files are uploaded (POST /api/upload) a few at
 * a time and each one imported as soon as it has landed, so parsing starts while later files are
 * still uploading. Electron: native picker through the contract gives real paths.
 */
export function ImportPanel() {
  const api = useApi();
  const { library } = useAppStores();
  const importPaths = useStore(library, (s) => s.importPaths);
  const importing = useStore(library, (s) => !!s.busy.import);
  const [uploading, setUploading] = useState(false);
  const [over, setOver] = useState(false);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const web = hostKind() === 'web';

  const importFiles = async ({ files, ignored }: { files: File[]; ignored: number }) => {
    if (ignored > 0) toast(`${ignored} file${ignored > 1 ? 's are' : ' is'} not a PDF and ${ignored > 1 ? 'were' : 'was'} skipped.`, 'info');
    if (files.length === 0) return;
    setUploading(true);
    // Desktop: the preload turns dropped files into grants; web: the files are uploaded.
    const grant = window.benchmateFiles?.grantDropped;
    if (!web && grant) {
      const r = await grant(files);
      setUploading(false);
      if (!r.ok) return toast(`Import failed: ${r.error.message}`, 'error');
      return void (await importPaths(r.value.paths));
    }
    const { failed } = await uploadEach(files, uploadFile, (path) => importPaths([path]));
    setUploading(false);
    if (failed.length) toast(`Upload of ${failed.length === 1 ? failed[0].file.name : `${failed.length} files`} failed: ${failed[0].error.message}`, 'error');
  };

  const addFiles = async () => {
    if (web) return filesInput.current?.click();
    const r = await pickFiles(api, { title: 'Import PDF manuals', extensions: ['pdf'], multiple: true });
    if (!r.ok) return toast(r.error.message, 'error');
    await importPaths(r.value.paths);
  };

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    await importFiles(await filesFromDrop(e.dataTransfer));
  };

  return (
    <div
      className={`dropzone${over ? ' is-over' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => void onDrop(e)}
    >
      <Icon name="upload" size={26} />
      <div className="grow">
        <strong>Drop PDF manuals or folders here</strong>
        <p className="muted small">Each file is read, split into passages and indexed for search. You can keep working meanwhile.</p>
      </div>
      <div className="row">
        <Button variant="primary" onClick={() => void addFiles()} busy={uploading || importing}>
          <Icon name="file" size={16} /> Add files…
        </Button>
        {web && (
          <Button onClick={() => folderInput.current?.click()} disabled={uploading || importing}>
            <Icon name="folder" size={16} /> Add folder…
          </Button>
        )}
      </div>
      {web && (
        <>
          <input
            ref={filesInput}
            type="file"
            accept=".pdf,application/pdf"
            multiple
            hidden
            data-testid="file-input"
            aria-label="Choose PDF files"
            onChange={(e) => {
              void importFiles(pdfsFromList(e.target.files));
              e.target.value = '';
            }}
          />
          <input
            ref={(el) => {
              folderInput.current = el;
              // webkitdirectory is not in React's typings; set it on the element.
              el?.setAttribute('webkitdirectory', '');
            }}
            type="file"
            multiple
            hidden
            data-testid="folder-input"
            aria-label="Choose a folder of PDF files"
            onChange={(e) => {
              void importFiles(pdfsFromList(e.target.files));
              e.target.value = '';
            }}
          />
        </>
      )}
    </div>
  );
}

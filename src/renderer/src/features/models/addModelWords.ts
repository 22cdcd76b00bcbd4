/**
 * The path field's words per host. In the desktop app the core reads this computer's disk; in the
 * web host the path is read on the machine running the server, which need not be the browser's
 * computer, so "on this computer" sent people typing paths from their own laptop.
 */
export function modelPathWords(host: 'electron' | 'web'): { label: string; hint?: string } {
  if (host === 'electron') return { label: 'Path to the .gguf file on this computer' };
  return {
    label: 'Path to the .gguf file on the Benchmate server',
    hint: 'A path on the computer that runs Benchmate, not on this browser’s computer. To use a file from this computer, choose Browse… to upload it.'
  };
}

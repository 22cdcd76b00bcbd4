import type { CliCommand } from './command';

/** What each exit code means; `help` prints it so scripts can rely on it. */
export const EXIT_CODES: Array<[number, string]> = [
  [0, 'done'],
  [1, 'the command ran but did not fully succeed: an error (printed on stderr, or as {"ok":false,…} with --json), or something that needs attention — e.g. import: a file failed, needs a password or was skipped; unlock: still locked'],
  [2, 'usage error: unknown command or option, missing argument (nothing was changed)']
];

export function usageText(commands: CliCommand[]): string {
  const lines = [
    'Usage: benchmate <command> [options]',
    '',
    'Global options (anywhere on the line):',
    '  --data-dir DIR   data folder (default: $BENCHMATE_DATA_DIR, else the desktop app\'s folder)',
    '  --json           print exactly one JSON document on stdout',
    '  --help, -h       this help; "help <command>" for one command',
    '',
    'Commands:'
  ];
  for (const c of commands) lines.push(`  ${c.usage.padEnd(58)} ${c.summary}`);
  lines.push('', 'Exit codes:');
  for (const [code, meaning] of EXIT_CODES) lines.push(`  ${code}  ${meaning}`);
  return lines.join('\n') + '\n';
}

export function commandHelp(c: CliCommand): string {
  return [`Usage: benchmate ${c.usage}`, '', c.summary, '', 'Exit codes: ' + EXIT_CODES.map(([code, m]) => `${code} ${m.split(':')[0]}`).join('; ')].join('\n') + '\n';
}

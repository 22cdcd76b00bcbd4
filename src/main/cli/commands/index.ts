import type { CliCommand } from '../command';
import { healthCommand, infoCommand } from './info';
import { askCommand } from './ask';
import { sessionsCommand } from './sessions';
import { exportCommand } from './export';

/** Every CLI command, in help order. Features add their commands here. */
export const commands: CliCommand[] = [infoCommand, healthCommand, askCommand, sessionsCommand, exportCommand];

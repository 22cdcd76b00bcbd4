import type { CliCommand } from '../command';
import { healthCommand, infoCommand } from './info';
import { deleteCommand, docCommand, docsCommand, importCommand, ocrCommand, unlockCommand } from './library';
import { askCommand } from './ask';
import { sessionsCommand } from './sessions';
import { exportCommand } from './export';
import { searchCommand } from './search';
import { evalCommand } from './eval';
import { modelsCommand } from './models';
import { backupCommand, packCommand, retentionCommand } from './backup';
import { profilesCommand } from './profiles';
import { trainingCommand } from './training';

/** Every CLI command, in help order. Features add their commands here. */
export const commands: CliCommand[] = [infoCommand, healthCommand, importCommand, docsCommand, docCommand, deleteCommand, ocrCommand, unlockCommand, askCommand, sessionsCommand, exportCommand, searchCommand, evalCommand, modelsCommand, backupCommand, packCommand, retentionCommand, trainingCommand, profilesCommand];

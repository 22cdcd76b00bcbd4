import type { CliCommand } from '../command';
import { healthCommand, infoCommand } from './info';

/** Every CLI command, in help order. Features add their commands here. */
export const commands: CliCommand[] = [infoCommand, healthCommand];

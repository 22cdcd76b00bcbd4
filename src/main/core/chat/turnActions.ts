import type { ChatSessionModelFunctions } from 'node-llama-cpp';
import type { ActionOutcome } from '../../../shared/contract/actions';
import type { MessageAction } from '../../../shared/contract/sessions';
import { turnFunctions } from '../actions/modelTools';
import type { ChatEnginePort } from './ports';

/** The caller's ActionService.propose (their context bound); `turn` is the answer a proposal belongs to. */
export type TurnActions = (name: string, args: Record<string, unknown>, turn: { sessionId: string; messageId: string }) => Promise<ActionOutcome>;

/**
 * The functions a turn offers its model, or undefined when it offers none: the setting is off,
 * the caller brought no actions, or the model has no function-call format ('auto' takes only a
 * format the model was trained on; 'always' also node-llama-cpp's generic one, documented to the
 * model in its system message). `recorded` fills as the model calls — it goes on the answer.
 */
export function modelActionsFor(
  engine: ChatEnginePort,
  mode: 'auto' | 'always' | 'off',
  actions: TurnActions | undefined,
  turn: { sessionId: string; messageId: string }
): { functions: ChatSessionModelFunctions; recorded: MessageAction[] } | undefined {
  const calling = engine.functionCalling?.() ?? 'none';
  if (!actions || mode === 'off' || calling === 'none' || (mode === 'auto' && calling !== 'native')) return undefined;
  const recorded: MessageAction[] = [];
  const functions = turnFunctions((name, args) => actions(name, args, turn), turn, (a) => recorded.push(a));
  return { functions, recorded };
}

import type { Core } from '../../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../../src/shared/contract';
import type { Result } from '../../../src/shared/result';

/** core.call with the contract's types (core.call itself is untyped: it validates at runtime). */
export const call = <M extends MethodName>(core: Core, method: M, input?: MethodInput<M>): Promise<Result<MethodOutput<M>>> =>
  core.call(method, input) as Promise<Result<MethodOutput<M>>>;

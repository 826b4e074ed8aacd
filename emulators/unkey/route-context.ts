// What a route handler gets, and the handler type.
import type { Caller } from './authenticate.js';
import type { Reply } from './unkey-reply.js';
import type { UnkeyState } from './unkey-state.js';

/** A route handler's input. */
export interface RouteContext {
  state: UnkeyState;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated against the contract first
  body: any;
  caller: Caller;
}

/** A route handler, by operationId. */
export type Handler = (ctx: RouteContext) => Reply;

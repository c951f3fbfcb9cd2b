/**
 * Marimo-style state changes: a named table of pure `(state, payload) => state` handlers becomes a
 * set of actions bound to a store. The handlers are testable without React or zustand.
 */

export type Handler<S> = (state: S, payload: never) => S;

/** `handlers.foo(state, payload)` becomes `actions.foo(payload)`; payload-less handlers become `actions.foo()`. */
export type ActionsOf<S, H extends Record<string, Handler<S>>> = {
  readonly [K in keyof H]: H[K] extends (state: S) => S ? () => void : (payload: Parameters<H[K]>[1]) => void;
};

export function createActions<S, H extends Record<string, Handler<S>>>(handlers: H, update: (change: (state: S) => S) => void): ActionsOf<S, H> {
  const actions: Record<string, (payload?: unknown) => void> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    const apply = handler as (state: S, payload: unknown) => S;
    actions[name] = (payload?: unknown) => update((state) => apply(state, payload));
  }
  return actions as ActionsOf<S, H>;
}

/**
 * Runs a callback on a later turn of the event loop, once the messages already waiting are
 * handled; returns what cancels it. Node has `setImmediate`; a browser's worker has not, and a
 * message posted to itself is the turn there (a timer of 0 ms may be slowed down to 4 ms or more).
 */
export function soon(callback: () => void): () => void {
  const { setImmediate: onNextTurn, clearImmediate: cancelTurn } = globalThis as Partial<typeof globalThis>;
  if (onNextTurn && cancelTurn) {
    const immediate = onNextTurn(callback);
    return () => cancelTurn(immediate);
  }
  let cancelled = false;
  const channel = new MessageChannel();
  // `onmessage`, as a worker has it (Node's ports take `on('message')`, and never come here).
  (channel.port1 as unknown as { onmessage: () => void }).onmessage = () => {
    channel.port1.close();
    if (!cancelled) callback();
  };
  channel.port2.postMessage(undefined);
  return () => {
    cancelled = true;
    channel.port1.close();
  };
}

/** A promise of the next turn (see `soon`). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => soon(resolve));
}

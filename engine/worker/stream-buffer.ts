/**
 * Coalesces Python's many small writes (print writes the text and the newline separately) into
 * fewer messages, while still flushing often enough that a long-running cell streams its output.
 */
export interface StreamBuffer {
  readonly write: (text: string) => void;
  readonly flush: () => void;
}

export function createStreamBuffer(emit: (text: string) => void, intervalMs = 50, maxChars = 64 * 1024): StreamBuffer {
  let pending = '';
  let lastEmit = 0;
  const flush = (): void => {
    if (!pending) return;
    const text = pending;
    pending = '';
    lastEmit = Date.now();
    emit(text);
  };
  return {
    write(text: string): void {
      pending += text;
      if (pending.length >= maxChars || Date.now() - lastEmit >= intervalMs) flush();
    },
    flush,
  };
}

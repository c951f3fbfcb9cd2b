/** Python exception classes the engine's errors map to (the Python layer re-raises them by name). */
export type PyErrorType = 'RuntimeError' | 'ValueError' | 'TypeError' | 'IndexError';

/** An error with PyTorch's exact message text and the Python exception class it should surface as. */
export class TorchError extends Error {
  readonly pyType: PyErrorType;
  constructor(pyType: PyErrorType, message: string) {
    super(message);
    this.name = pyType;
    this.pyType = pyType;
  }
}

export const runtimeError = (message: string): TorchError => new TorchError('RuntimeError', message);
export const indexError = (message: string): TorchError => new TorchError('IndexError', message);
export const typeError = (message: string): TorchError => new TorchError('TypeError', message);
export const valueError = (message: string): TorchError => new TorchError('ValueError', message);

import { createContext, useContext } from 'react';
import type { NotebookController } from '../../core/notebook/notebook-controller.ts';

export const ControllerContext = createContext<NotebookController | null>(null);

export function useController(): NotebookController {
  const controller = useContext(ControllerContext);
  if (!controller) throw new Error('useController needs a <ControllerContext.Provider> above it.');
  return controller;
}

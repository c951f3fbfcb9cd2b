/** Sharing, opening and exporting what is on screen, and the notebook library's "New notebook". */
import type { NotebookLibrary } from '../../core/library/notebook-library.ts';
import { exportIpynb, exportPy, exportSnapshotJson, exportStandaloneHtml } from '../../core/share/notebook-files.ts';
import type { Command } from '../../core/commands/registry.ts';
import { canRequestUi, requestUi, type UiRequest } from './ui-requests.ts';

const askView = (request: UiRequest): Pick<Command, 'isEnabled' | 'run'> => ({
  isEnabled: () => canRequestUi(request),
  run: () => void requestUi(request),
});

export function fileCommands(library: NotebookLibrary | null): Command[] {
  return [
    {
      id: 'share',
      label: 'Share',
      scope: 'global',
      description: 'Copy a link that opens this graph and its steps, without running anything',
      ...askView('share'),
    },
    {
      id: 'openSnapshot',
      label: 'Open snapshot',
      scope: 'global',
      description: 'Open a snapshot file (.json): its graph and steps, without running Python',
      ...askView('openSnapshot'),
    },
    { id: 'importNotebook', label: 'Import .py or .ipynb…', scope: 'global', ...askView('importNotebook') },
    { id: 'exportPy', label: 'Export as Python (.py)', scope: 'global', run: () => exportPy() },
    { id: 'exportIpynb', label: 'Export as Jupyter (.ipynb)', scope: 'global', run: () => exportIpynb() },
    { id: 'exportSnapshot', label: 'Save snapshot (.json)', scope: 'global', run: () => exportSnapshotJson() },
    { id: 'exportHtml', label: 'Download as web page (.html)', scope: 'global', run: () => void exportStandaloneHtml() },
    ...(library ? [{ id: 'newNotebook', label: 'New notebook', scope: 'global', run: () => void library.create() } satisfies Command] : []),
  ];
}

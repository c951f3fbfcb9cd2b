import { CommandButton } from './CommandButton.tsx';
import { commands } from './commands.ts';
import { PlayAllIcon, RestartIcon, StopIcon } from './icons.tsx';
import { KernelStatusIndicator } from './KernelStatusIndicator.tsx';

export function Toolbar() {
  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <CommandButton command={commands.runAll} className="button button--primary">
        <PlayAllIcon /> Run all
      </CommandButton>
      <CommandButton command={commands.stop}>
        <StopIcon /> Stop
      </CommandButton>
      <CommandButton command={commands.restart}>
        <RestartIcon /> Restart
      </CommandButton>
      <KernelStatusIndicator />
    </div>
  );
}

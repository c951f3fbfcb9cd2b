import { CommandButton } from '../commands/CommandButton.tsx';
import { PlayAllIcon, RestartIcon, StopIcon } from './icons.tsx';
import { KernelStatusIndicator } from './KernelStatusIndicator.tsx';

export function Toolbar() {
  return (
    <div className="toolbar" role="toolbar" aria-label="Notebook">
      <CommandButton commandId="runAll" className="button button--primary">
        <PlayAllIcon /> Run all
      </CommandButton>
      <CommandButton commandId="stop">
        <StopIcon /> Stop
      </CommandButton>
      <CommandButton commandId="restart">
        <RestartIcon /> Restart
      </CommandButton>
      <KernelStatusIndicator />
    </div>
  );
}

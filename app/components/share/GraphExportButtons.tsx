/** "SVG" and "PNG" in the graph's toolbar: the graph at the current step, as on screen, downloaded. */
import { CommandButton } from '../commands/CommandButton.tsx';

export function GraphExportButtons() {
  return (
    <>
      <CommandButton commandId="exportGraphSvg" className="">
        SVG
      </CommandButton>
      <CommandButton commandId="exportGraphPng" className="">
        PNG
      </CommandButton>
    </>
  );
}

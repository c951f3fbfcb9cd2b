/**
 * The handle between the notebook and the graph: drag it, or focus it and use ← → (Home, End) to
 * give the graph more or less of the window. Also the root's layout: the share and the maximised
 * graph are CSS variables and attributes on `.app`, so the panels themselves stay unaware.
 */
import { useRef, type CSSProperties, type KeyboardEvent, type PointerEvent } from 'react';
import {
  KEY_STEP,
  MAX_NOTEBOOK_SHARE,
  MIN_NOTEBOOK_SHARE,
  panelLayout,
  selectIsGraphMaximised,
  selectNotebookShare,
} from '../core/notebook/panel-layout-store.ts';
import { usePanelLayout } from './hooks/use-panel-layout.ts';
import { useDismissable } from './commands/dismiss.ts';

export function PanelSplitter() {
  const share = usePanelLayout(selectNotebookShare);
  const isDragging = useRef(false);
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!isDragging.current) return;
    const main = event.currentTarget.parentElement!.getBoundingClientRect();
    panelLayout.actions.resize({ notebookShare: ((event.clientX - main.left) / Math.max(1, main.width)) * 100 });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const change: Record<string, () => void> = {
      ArrowLeft: () => panelLayout.actions.widenGraph({ by: KEY_STEP }),
      ArrowRight: () => panelLayout.actions.widenGraph({ by: -KEY_STEP }),
      Home: () => panelLayout.actions.resize({ notebookShare: MIN_NOTEBOOK_SHARE }),
      End: () => panelLayout.actions.resize({ notebookShare: MAX_NOTEBOOK_SHARE }),
    };
    const perform = change[event.key];
    if (!perform) return;
    // The timeline steps on ← →: while the splitter has focus, they move the splitter instead.
    event.preventDefault();
    event.stopPropagation();
    perform();
  };
  return (
    <div
      className="panel-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize notebook and graph"
      aria-valuemin={MIN_NOTEBOOK_SHARE}
      aria-valuemax={MAX_NOTEBOOK_SHARE}
      aria-valuenow={Math.round(share)}
      aria-valuetext={`notebook ${Math.round(share)}% of the width, graph ${Math.round(100 - share)}%`}
      tabIndex={0}
      onPointerDown={(event) => {
        isDragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
      }}
      onPointerMove={onPointerMove}
      onPointerUp={() => (isDragging.current = false)}
      onPointerCancel={() => (isDragging.current = false)}
      onKeyDown={onKeyDown}
    />
  );
}

/** Style and attributes for the `.app` root; Esc gives a maximised graph its place back. */
export function usePanelLayoutRoot(): { style: CSSProperties; 'data-graph-maximised': boolean } {
  const share = usePanelLayout(selectNotebookShare);
  const isMaximised = usePanelLayout(selectIsGraphMaximised);
  useDismissable(isMaximised, () => panelLayout.actions.restore());
  return { style: { '--notebook-share': `${share}%` } as CSSProperties, 'data-graph-maximised': isMaximised };
}

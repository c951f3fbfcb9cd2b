import { useMemo } from 'react';
import { GraphAndDetails, TimelineFooter } from './components/RecordingPanels.tsx';
import { AnomalyToggle } from './components/frames/AnomalyToggle.tsx';
import { appCommandRegistry } from './components/commands/app-commands.ts';
import { CommandsProvider } from './components/commands/CommandsProvider.tsx';
import { useController } from './components/notebook/controller-context.ts';
import { Notebook } from './components/notebook/Notebook.tsx';
import { Toolbar } from './components/notebook/Toolbar.tsx';
import { LibraryBar } from './components/library/LibraryBar.tsx';
import { useLibrary } from './components/library/library-context.ts';
import { DeletedNotice, ReadOnlyBanner, SaveErrorBanner, StorageNoticeBanner } from './components/library/LibraryNotices.tsx';
import { FileMenu } from './components/share/FileMenu.tsx';
import { OpenSnapshotButton } from './components/share/OpenSnapshotButton.tsx';
import { ShareButton } from './components/share/ShareButton.tsx';
import { SnapshotDropZone } from './components/share/SnapshotDropZone.tsx';
import { notebook, selectBanner } from './core/notebook/notebook-store.ts';
import { useNotebook } from './components/hooks/use-notebook.ts';
import { PanelSplitter, usePanelLayoutRoot } from './components/PanelSplitter.tsx';

function Banner() {
  const banner = useNotebook(selectBanner);
  const controller = useController();
  if (!banner) return null;
  const { action } = banner;
  return (
    <div className="banner" data-tone={banner.tone} role={banner.tone === 'error' ? 'alert' : 'note'}>
      <span>{banner.text}</span>
      {action && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            notebook.actions.dismissBanner();
            void controller.runThrough(action.throughCellId);
          }}
        >
          {action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => notebook.actions.dismissBanner()}>
        ×
      </button>
    </div>
  );
}

export function App() {
  const controller = useController();
  const library = useLibrary();
  const registry = useMemo(() => appCommandRegistry({ controller, library }), [controller, library]);
  return (
    <CommandsProvider registry={registry}>
      <AppLayout />
    </CommandsProvider>
  );
}

function AppLayout() {
  return (
    <div className="app" {...usePanelLayoutRoot()}>
      <header className="app__header">
        <div className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} />
          <span className="brand__name">Gradscope</span>
          <span className="brand__tagline">PyTorch autograd, drawn as it runs</span>
        </div>
        <Toolbar />
        <AnomalyToggle />
        <OpenSnapshotButton />
        <FileMenu />
        <ShareButton />
      </header>
      <SnapshotDropZone />
      <Banner />
      <ReadOnlyBanner />
      <StorageNoticeBanner />
      <SaveErrorBanner />
      <DeletedNotice />
      <main className="app__main">
        <section className="app__notebook" aria-label="Notebook">
          <LibraryBar />
          <Notebook />
        </section>
        <PanelSplitter />
        <GraphAndDetails />
      </main>
      <TimelineFooter />
    </div>
  );
}

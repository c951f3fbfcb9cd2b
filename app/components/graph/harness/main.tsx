/** Dev harness: `npx vite app/components/graph/harness --port 5199`, then open /?graph=seed|mlp|random&step=N. */
import { createRoot } from 'react-dom/client';
import { viewerCommandRegistry } from '../../commands/app-commands.ts';
import { CommandsProvider } from '../../commands/CommandsProvider.tsx';
import { GraphPanel } from '../GraphPanel.tsx';
import { SEED_TRACE } from '../../../core/graph/test/fixtures/seed-trace.ts';
import { mlpTrace, randomTrace } from '../../../core/graph/test/fixtures/synthetic-traces.ts';

const params = new URLSearchParams(location.search);
const which = params.get('graph') ?? 'seed';
const events =
  which === 'mlp'
    ? mlpTrace(Number(params.get('layers') ?? 3))
    : which === 'random'
      ? randomTrace(Number(params.get('n') ?? 500))
      : which === 'empty'
        ? []
        : SEED_TRACE;
const stepParam = params.get('step');

createRoot(document.getElementById('root')!).render(
  <CommandsProvider registry={viewerCommandRegistry()}>
    <div style={{ width: '100vw', height: '100vh' }}>
      <GraphPanel events={events} {...(stepParam === null ? {} : { step: Number(stepParam) })} />
    </div>
  </CommandsProvider>,
);

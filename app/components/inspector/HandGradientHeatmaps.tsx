/** A backprop exercise's check in the inspector: your gradient, autograd's, and their difference. */
import type { HandGradientEvent } from '../../core/graph/hand-checks.ts';
import { handGradientView } from '../../core/inspector/hand-gradient-heatmap.ts';
import { HeatmapGrid } from './JacobianHeatmaps.tsx';

export function HandGradientHeatmaps({ check }: { readonly check: HandGradientEvent }) {
  const view = handGradientView(check);
  return (
    <div className="jacobians hand-gradient" role="group" aria-label="Your gradient and autograd's" data-verdict={view.verdict}>
      <p className="jacobians__pair">gradscope.check · {view.summary}</p>
      <div className="jacobians__grids">
        <HeatmapGrid grid={view.mine} title="yours" ariaLabel="your gradient heatmap" />
        <HeatmapGrid grid={view.autograd} title="autograd" ariaLabel="autograd's gradient heatmap" />
        <HeatmapGrid grid={view.difference} title="difference" ariaLabel="difference heatmap" />
      </div>
    </div>
  );
}

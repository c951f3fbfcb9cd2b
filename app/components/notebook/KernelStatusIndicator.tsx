import { selectKernel } from '../../core/notebook/notebook-store.ts';
import { useNotebook } from '../hooks/use-notebook.ts';
import { useController } from './controller-context.ts';

const STATE_LABELS = { off: 'Python not started', loading: 'Loading Python', idle: 'Ready', busy: 'Running', dead: 'Kernel died' } as const;

/** The kernel's state for eyes and screen readers; a dead kernel offers its own restart. */
export function KernelStatusIndicator() {
  const kernel = useNotebook(selectKernel);
  const controller = useController();
  const percent = kernel.progress === undefined ? null : Math.round(kernel.progress * 100);
  return (
    <div className="kernel-status" data-state={kernel.state}>
      <div role="status" aria-live="polite" aria-label="Kernel status" className="kernel-status__text" title={kernel.message}>
        <span className="kernel-status__dot" aria-hidden="true" />
        <span className="kernel-status__label">{STATE_LABELS[kernel.state]}</span>
        {kernel.state === 'loading' && percent !== null ? <span className="kernel-status__detail">{percent}%</span> : null}
        {kernel.state === 'dead' && kernel.message ? <span className="kernel-status__detail">{kernel.message}</span> : null}
      </div>
      {kernel.state === 'loading' ? (
        <div className="kernel-status__progress" aria-hidden="true">
          <div className="kernel-status__bar" style={{ width: `${percent ?? 15}%` }} data-indeterminate={percent === null} />
        </div>
      ) : null}
      {kernel.state === 'dead' ? (
        <button type="button" className="button button--danger" onClick={() => controller.restart()}>
          Restart kernel
        </button>
      ) : null}
    </div>
  );
}

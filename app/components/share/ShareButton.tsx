/**
 * "Share": makes a `#snapshot=` link of what is on screen, copies it and shows it. A snapshot too
 * big for a link (over MAX_LINK_PAYLOAD_LENGTH characters) gets a file or a code-only link instead.
 */
import { useState } from 'react';
import { useCommand } from '../commands/commands-context.ts';
import { useUiRequest } from '../commands/ui-requests.ts';
import { usePopover } from '../library/use-popover.ts';
import { currentSnapshot } from '../../core/share/current-snapshot.ts';
import { exportSnapshotJson } from '../../core/share/notebook-files.ts';
import { makeShareLink, MAX_LINK_PAYLOAD_LENGTH, type ShareLink } from '../../core/share/share-link.ts';

type ShareState = { readonly phase: 'making' } | { readonly phase: 'done'; readonly link: ShareLink; readonly copied: boolean };

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const PANEL_STYLE = {
  position: 'absolute',
  right: 0,
  top: 'calc(100% + 6px)',
  zIndex: 50,
  width: 420,
  padding: 12,
  display: 'grid',
  gap: 8,
  background: 'var(--surface, #fff)',
  border: '1px solid var(--border, #d6dbe4)',
  borderRadius: 8,
  boxShadow: '0 8px 24px rgba(20, 30, 50, 0.18)',
} as const;

export function ShareButton() {
  const { isOpen, setOpen, ref } = usePopover<HTMLDivElement>();
  const [state, setState] = useState<ShareState>({ phase: 'making' });
  const share = async () => {
    setOpen(true);
    setState({ phase: 'making' });
    const link = await makeShareLink(currentSnapshot());
    setState({ phase: 'done', link, copied: link.ok ? await copy(link.url) : false });
  };
  useUiRequest('share', () => void share());
  const command = useCommand('share');
  return (
    <div ref={ref} style={{ position: 'relative' }}>
      <button type="button" className="button" title={command.title} disabled={!command.isEnabled} onClick={command.run}>
        {command.label}
      </button>
      {isOpen && (
        <div role="dialog" aria-label="Share" style={PANEL_STYLE}>
          {state.phase === 'making' && <span role="status">Making the link…</span>}
          {state.phase === 'done' && state.link.ok && (
            <>
              <span role="status">{state.copied ? 'Link copied to the clipboard.' : 'Copy this link:'}</span>
              <input
                aria-label="Share link"
                readOnly
                value={state.link.url}
                onFocus={(event) => event.target.select()}
                style={{ width: '100%', font: '12px ui-monospace, monospace' }}
              />
              <small>
                {state.link.url.length.toLocaleString('en-US')} characters. The graph and its steps travel in the link itself (after #), never sent to a server.
                {state.link.detail === 'lean' && ' To keep it short, the chain-rule numbers of each edge are left out; a snapshot file keeps them.'}
              </small>
            </>
          )}
          {state.phase === 'done' && !state.link.ok && <TooBigForLink payloadLength={state.link.payloadLength} codeOnlyUrl={state.link.codeOnlyUrl} />}
        </div>
      )}
    </div>
  );
}

function TooBigForLink({ payloadLength, codeOnlyUrl }: { readonly payloadLength: number; readonly codeOnlyUrl: string }) {
  const [isCodeCopied, setCodeCopied] = useState(false);
  return (
    <>
      <span role="status">
        This snapshot is too big for a link ({Math.round(payloadLength / 1024)} KB packed; links hold up to {Math.round(MAX_LINK_PAYLOAD_LENGTH / 1024)} KB).
      </span>
      <button type="button" className="button" onClick={() => exportSnapshotJson()}>
        Download snapshot file
      </button>
      <button type="button" className="button" onClick={() => void copy(codeOnlyUrl).then(setCodeCopied)}>
        {isCodeCopied ? 'Code-only link copied' : 'Copy code-only link'}
      </button>
    </>
  );
}

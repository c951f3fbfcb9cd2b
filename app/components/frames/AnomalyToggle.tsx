/** The toolbar's "Detect anomaly" checkbox: anomaly mode for the session (NaN/inf in backward named at the forward line). */
import { useCommand } from '../commands/commands-context.ts';
import { useStepperRequests } from '../hooks/use-stepper-requests.ts';

const selectDetectAnomaly = (state: { readonly detectAnomaly: boolean }) => state.detectAnomaly;
const selectIsConnected = (state: { readonly isConnected: boolean }) => state.isConnected;

export function AnomalyToggle() {
  const isOn = useStepperRequests(selectDetectAnomaly);
  const isConnected = useStepperRequests(selectIsConnected);
  const toggle = useCommand('toggleDetectAnomaly');
  return (
    <label
      className="anomaly-toggle"
      title={isConnected ? toggle.title : 'Anomaly mode needs the Python worker; use torch.autograd.detect_anomaly() in code meanwhile'}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13, whiteSpace: 'nowrap' }}
    >
      <input type="checkbox" checked={isOn} disabled={!toggle.isEnabled} onChange={toggle.run} />
      {toggle.label}
    </label>
  );
}

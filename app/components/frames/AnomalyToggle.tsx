/** The toolbar's "Detect anomaly" checkbox: anomaly mode for the session (NaN/inf in backward named at the forward line). */
import { setDetectAnomaly } from '../../core/notebook/kernel-requests.ts';
import { useStepperRequests } from '../hooks/use-stepper-requests.ts';

const selectDetectAnomaly = (state: { readonly detectAnomaly: boolean }) => state.detectAnomaly;
const selectIsConnected = (state: { readonly isConnected: boolean }) => state.isConnected;

export function AnomalyToggle() {
  const isOn = useStepperRequests(selectDetectAnomaly);
  const isConnected = useStepperRequests(selectIsConnected);
  return (
    <label
      className="anomaly-toggle"
      title={
        isConnected
          ? 'torch.autograd.set_detect_anomaly for every run: a backward that makes NaN or inf stops at the node and lights the line that created it'
          : 'Anomaly mode needs the Python worker; use torch.autograd.detect_anomaly() in code meanwhile'
      }
      style={{ display: 'inline-flex', alignItems: 'center', gap: 6, fontSize: 13, whiteSpace: 'nowrap' }}
    >
      <input type="checkbox" checked={isOn} onChange={(event) => void setDetectAnomaly(event.target.checked)} />
      Detect anomaly
    </label>
  );
}

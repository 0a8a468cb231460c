// The entry `syncmatch scan` import()s on a terminal: renders the scan screen and resolves with
// the technician's choice (open a user in the wizard, scan again, quit, cancel) and the results.
import { render } from 'ink';
import type { ScanResult } from '../../core/scan/types.js';
import { ColorContext } from '../theme.js';
import { ScanApp, type ScanAppProps, type ScanChoice } from './scan-app.js';

export type { ScanChoice } from './scan-app.js';

export interface RenderScanOptions extends Omit<ScanAppProps, 'onDone' | 'onError'> {
  color: boolean;
}

export async function renderScan(
  options: RenderScanOptions,
): Promise<{ choice: ScanChoice; result: ScanResult | null }> {
  let settle: (v: { choice: ScanChoice; result: ScanResult | null }) => void = () => {};
  let fail: (e: unknown) => void = () => {};
  const finished = new Promise<{ choice: ScanChoice; result: ScanResult | null }>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const onSigint = () => settle({ choice: { kind: 'cancelled' }, result: null });
  process.on('SIGINT', onSigint);
  const { color, ...app } = options;
  const instance = render(
    <ColorContext.Provider value={color}>
      <ScanApp {...app} onDone={(choice, result) => settle({ choice, result })} onError={(e) => fail(e)} />
    </ColorContext.Provider>,
    { exitOnCtrlC: false },
  );
  try {
    return await finished;
  } finally {
    process.off('SIGINT', onSigint);
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
  }
}

// The wizard: the reducer's state rendered one screen at a time. Keys and service answers become
// events; nothing here decides anything.
import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { WizardServices } from '../app/services.js';
import { rewriteCommandsDeep, type Invocation } from '../core/command-hints.js';
import { visibleDeep } from '../core/display-text.js';
import { TOP } from '../core/wizard/info-scroll.js';
import { initialWizardState } from '../core/wizard/init.js';
import { wizardReducer } from '../core/wizard/reducer.js';
import type { WizardConfig } from '../core/wizard/state.js';
import { Frame } from './frame.js';
import { InvocationContext } from './hints.js';
import { InfoScrollContext } from './info-scroll-context.js';
import { ScreenView } from './screen-view.js';
import { useKeys } from './use-keys.js';
import { useWizardEffects } from './use-wizard-effects.js';

export interface WizardAppProps {
  services: WizardServices;
  identity?: string;
  /** Aborted from outside (SIGINT): the run stops with 130. */
  cancel?: AbortSignal;
  /** Opened from the lab's picker: Escape on the identity prompt and "Another scenario" return to it. */
  picker?: boolean;
  onExit: (code: number, leaveTo?: 'picker') => void;
  /** How this run was started: commands quoted in hints are shown the way they work as typed. */
  invocation?: Invocation;
}

export function configFor(services: WizardServices, identity?: string, picker?: boolean): WizardConfig {
  return {
    environmentLabel: services.environmentLabel,
    readOnly: services.readOnly,
    journalPath: services.journalPath,
    identity,
    suggestedIdentity: services.suggestedIdentity,
    ...(picker ? { picker } : {}),
    canDoInLab: services.doInLab !== undefined,
    canUndo: services.undo !== undefined && services.previewUndo !== undefined,
  };
}

export function WizardApp(props: WizardAppProps) {
  const { services, identity, cancel, onExit, picker } = props;
  const [state, dispatch] = useReducer(wizardReducer, undefined, () =>
    initialWizardState(configFor(services, identity, picker)),
  );
  useKeys((key) => dispatch({ type: 'key', key }), { isActive: state.exit === null });
  useWizardEffects(state.request, services, dispatch);
  useEffect(() => {
    if (!cancel) return;
    const stop = () => dispatch({ type: 'cancel' });
    if (cancel.aborted) stop();
    cancel.addEventListener('abort', stop);
    return () => cancel.removeEventListener('abort', stop);
  }, [cancel]);
  useEffect(() => {
    if (state.exit !== null) onExit(state.exit, state.leaveTo);
  }, [state.exit, state.leaveTo, onExit]);
  const measured = useCallback((page: number, max: number) => dispatch({ type: 'measured', page, max }), []);
  const scrolling = useMemo(() => ({ scroll: state.info ?? TOP, measured }), [state.info, measured]);
  // Directory values may hold ESC sequences or direction overrides: shown as visible escapes.
  const how = props.invocation;
  const view = useMemo(() => {
    const visible = visibleDeep(state);
    return how ? rewriteCommandsDeep(visible, how) : visible;
  }, [state, how]);
  return (
    <InvocationContext.Provider value={how}>
      <InfoScrollContext.Provider value={scrolling}>
        <Frame state={view}>
          <ScreenView state={view} />
        </Frame>
      </InfoScrollContext.Provider>
    </InvocationContext.Provider>
  );
}

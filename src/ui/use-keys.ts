// The one key hook: every key of a chunk goes to `onKey`, in order. Handlers should dispatch to a
// reducer (never read state captured at render), so the second of two fast keys sees the first.
import { useInput } from 'ink';
import type { Key } from '../core/wizard/keys.js';
import { keysFromInk } from './keys.js';

export function useKeys(onKey: (key: Key) => void, options: { isActive?: boolean } = {}): void {
  useInput(
    (input, k) => {
      for (const each of keysFromInk(input, k)) onKey(each);
    },
    { isActive: options.isActive ?? true },
  );
}

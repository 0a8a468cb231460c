// Commands quoted in text the screens compose themselves ("Check them with syncmatch journal",
// the half-done summary's "run syncmatch fix …", the ticket view) are shown the way this run was
// started, like the hints in the state (wizard-app.tsx rewrites those): `npx syncmatch …`,
// `npm start -- …`, with `--lab` kept on a lab run.
import { createContext, useContext } from 'react';
import { rewriteCommands, type Invocation } from '../core/command-hints.js';

export const InvocationContext = createContext<Invocation | undefined>(undefined);

/** A function that rewrites the commands quoted in a text for this run. */
export function useHints(): (text: string) => string {
  const how = useContext(InvocationContext);
  return (text) => (how ? rewriteCommands(text, how) : text);
}

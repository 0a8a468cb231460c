// `syncmatch setup` on screen: one question at a time, then a review and save. The component only
// renders the reducer's state and hands the answers to the callbacks it was given; checking a
// value and writing the profile are the command's work.
import { Box, Text } from 'ink';
import { useEffect, useReducer, useRef } from 'react';
import { KeyLegend } from '../key-legend.js';
import { SelectView } from '../select.js';
import { MARK, Tone } from '../theme.js';
import { useKeys } from '../use-keys.js';
import { QUESTIONS, visibleQuestions, type Question, type SetupAnswers } from './questions.js';
import {
  REVIEW_CHOICES,
  initialSetupState,
  setupReducer,
  type SetupAction,
  type SetupDeps,
  type SetupState,
} from './setup-reducer.js';

export type SaveResult = { ok: true; path: string } | { ok: false; problems: string[] };

export interface SetupResult {
  saved: boolean;
  check: boolean;
  profile: string;
}

export interface SetupWizardProps {
  /** Prefilled answers (an existing profile's), at least the profile name. */
  initial: SetupAnswers;
  validate: SetupDeps['validate'];
  /** Writes the profile; resolves with where, or why not. */
  save: (answers: SetupAnswers) => Promise<SaveResult>;
  /** Lines for the review screen: what will be saved and which permissions it will ask for. */
  summarize: (answers: SetupAnswers) => string[];
  onExit: (result: SetupResult) => void;
  questions?: readonly Question[];
}

export function SetupWizard(props: SetupWizardProps) {
  const { validate, save, onExit, summarize } = props;
  const deps: SetupDeps = { questions: props.questions ?? QUESTIONS, validate };
  const depsRef = useRef(deps);
  depsRef.current = deps;
  const [state, dispatch] = useReducer(
    (s: SetupState, a: SetupAction) => setupReducer(s, a, depsRef.current),
    undefined,
    () => initialSetupState(deps, props.initial),
  );
  const finished = state.stage === 'saved' || state.stage === 'cancelled';
  useKeys((key) => dispatch({ type: 'key', key }), { isActive: !finished && state.stage !== 'saving' });

  useEffect(() => {
    if (state.stage !== 'saving') return;
    let live = true;
    save(state.answers).then(
      (r) =>
        live &&
        dispatch(r.ok ? { type: 'saved', path: r.path } : { type: 'saveFailed', problems: r.problems }),
      (e: unknown) =>
        live && dispatch({ type: 'saveFailed', problems: [e instanceof Error ? e.message : String(e)] }),
    );
    return () => {
      live = false;
    };
  }, [state.stage, state.answers, save]);

  useEffect(() => {
    if (finished)
      onExit({ saved: state.stage === 'saved', check: state.runCheck, profile: state.answers.profile ?? '' });
  }, [finished, state.stage, state.runCheck, state.answers.profile, onExit]);

  return (
    <Box flexDirection="column">
      <Box marginBottom={1}>
        <Text>
          <Tone tone="accent" bold>
            syncmatch setup
          </Tone>
          {state.answers.profile ? ` · profile ${state.answers.profile}` : ''}
        </Text>
      </Box>
      {state.help ? (
        <SetupHelp state={state} deps={deps} />
      ) : (
        <Body state={state} deps={deps} summarize={summarize} />
      )}
      <Box marginTop={1}>
        {state.help ? <KeyLegend keys={[['Esc/?', 'close help']]} /> : <Keys stage={state.stage} />}
      </Box>
    </Box>
  );
}

function Body(props: { state: SetupState; deps: SetupDeps; summarize: (a: SetupAnswers) => string[] }) {
  const { state, deps } = props;
  if (state.stage === 'saved') {
    return (
      <Text>
        <Tone tone="ok">{MARK.ok}</Tone> Saved to {state.savedPath}
        {state.runCheck ? '. Testing the connections…' : '.'}
      </Text>
    );
  }
  if (state.stage === 'cancelled') return <Text>Cancelled: nothing was saved.</Text>;
  if (state.stage === 'review' || state.stage === 'saving') {
    return (
      <Box flexDirection="column">
        <Text bold>Review</Text>
        {props.summarize(state.answers).map((line, i) => (
          <Text key={i} wrap="wrap">
            {line}
          </Text>
        ))}
        {state.problems.map((p, i) => (
          <Text key={`p${i}`} wrap="wrap">
            <Tone tone="error">{MARK.fail}</Tone> {p}
          </Text>
        ))}
        <Box marginTop={1}>
          {state.stage === 'saving' ? (
            <Text>Saving…</Text>
          ) : (
            <SelectView items={REVIEW_CHOICES} cursor={state.cursor} />
          )}
        </Box>
      </Box>
    );
  }
  const questions = visibleQuestions(deps.questions, state.answers);
  const index = questions.findIndex((q) => q.id === state.questionId);
  const q = questions[index]!;
  return (
    <Box flexDirection="column">
      <Text>
        <Tone tone="muted">{`${q.section} · ${index + 1} of ${questions.length}`}</Tone>
      </Text>
      <Text bold wrap="wrap">
        {q.label}
        {q.kind === 'text' && q.optional ? <Tone tone="muted"> (optional)</Tone> : null}
      </Text>
      {q.help ? (
        <Text wrap="wrap">
          <Tone tone="muted">{q.help}</Tone>
        </Text>
      ) : null}
      <Box marginTop={1}>
        {q.kind === 'choice' ? (
          <SelectView items={q.choices} cursor={state.cursor} />
        ) : (
          <Text wrap="wrap">
            <Tone tone="accent">{MARK.pointer} </Tone>
            {state.text}
            <Text inverse> </Text>
          </Text>
        )}
      </Box>
      {state.error ? (
        <Text wrap="wrap">
          <Tone tone="error">{`${MARK.fail} ${state.error}`}</Tone>
        </Text>
      ) : null}
    </Box>
  );
}

/** The `?` overlay: what the open question is for, then every key (as the wizard's help). */
function SetupHelp(props: { state: SetupState; deps: SetupDeps }) {
  const { state } = props;
  const q = visibleQuestions(props.deps.questions, state.answers).find((x) => x.id === state.questionId);
  const about =
    state.stage === 'review'
      ? 'What will be saved. Nothing is written until you choose Save.'
      : q
        ? `${q.label}${q.help ? ` ${q.help}` : ''}`
        : '';
  const keys = [
    ...(state.stage === 'review'
      ? ['  ↑↓       choose', '  Enter    confirm']
      : ['  Enter    next', '  Ctrl-U   clear']),
    '  Esc      back one question (on the first one: leave without saving)',
    '  Ctrl-C   cancel: nothing is saved',
  ];
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1}>
      <Text bold>Help</Text>
      <Text wrap="wrap">{about}</Text>
      <Text> </Text>
      {keys.map((line, i) => (
        <Text key={i}>{line}</Text>
      ))}
    </Box>
  );
}

function Keys(props: { stage: SetupState['stage'] }) {
  if (props.stage === 'saved' || props.stage === 'cancelled' || props.stage === 'saving') return null;
  const keys: [string, string][] =
    props.stage === 'review'
      ? [
          ['↑↓', 'choose'],
          ['Enter', 'confirm'],
          ['Esc', 'back'],
          ['Ctrl-C', 'cancel'],
          ['?', 'help'],
        ]
      : [
          ['Enter', 'next'],
          ['Esc', 'back'],
          ['Ctrl-U', 'clear'],
          ['Ctrl-C', 'cancel'],
          ['?', 'help'],
        ];
  return <KeyLegend keys={keys} />;
}

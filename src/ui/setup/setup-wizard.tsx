// `syncmatch setup` on screen: one question at a time, then a review and save. The component only
// renders the reducer's state and hands the answers to the callbacks it was given; checking a
// value and writing the profile are the command's work.
import { Box, Text } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { TOP } from '../../core/wizard/info-scroll.js';
import { HangingText } from '../field.js';
import { InfoScrollContext } from '../info-scroll-context.js';
import { SizeFloor } from '../floor.js';
import { KeyLegend } from '../key-legend.js';
import { ScreenLayout } from '../layout.js';
import { useTerminalSize } from '../terminal-size.js';
import { inputTail } from '../wrap.js';
import { WrappedText } from '../wrapped-text.js';
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

  const measured = useCallback((page: number, max: number) => dispatch({ type: 'measured', page, max }), []);
  const scrolling = useMemo(() => ({ scroll: state.info ?? TOP, measured }), [state.info, measured]);
  const { columns, rows } = useTerminalSize();
  // As the wizard's frame: one line short of the terminal, the header and keys always shown, the
  // body clipped with a "more" mark; text wrapped by the app (src/ui/wrap.ts).
  return (
    <SizeFloor>
      <Box flexDirection="column" height={Math.max(rows - 1, 12)}>
        <Box marginBottom={1} flexShrink={0}>
          <Text wrap="truncate-end">
            <Tone tone="accent" bold>
              syncmatch setup
            </Tone>
            {state.answers.profile ? ` · profile ${state.answers.profile}` : ''}
          </Text>
        </Box>
        <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
          <InfoScrollContext.Provider value={scrolling}>
            {state.help && !finished ? (
              <SetupHelp state={state} deps={deps} width={columns} />
            ) : (
              <Body state={state} deps={deps} summarize={summarize} width={columns} />
            )}
          </InfoScrollContext.Provider>
        </Box>
        <Box marginTop={1} flexShrink={0}>
          {state.help && !finished ? (
            <KeyLegend keys={[['Esc/?', 'close help']]} />
          ) : (
            <Keys stage={state.stage} />
          )}
        </Box>
      </Box>
    </SizeFloor>
  );
}

function Body(props: {
  state: SetupState;
  deps: SetupDeps;
  summarize: (a: SetupAnswers) => string[];
  width: number;
}) {
  const { state, deps, width } = props;
  if (state.stage === 'saved') {
    return (
      <ScreenLayout>
        <HangingText
          prefix={`${MARK.ok} `}
          text={`Saved to ${state.savedPath}${state.runCheck ? '. Testing the connections…' : '.'}`}
          width={width}
        />
      </ScreenLayout>
    );
  }
  if (state.stage === 'cancelled')
    return (
      <ScreenLayout>
        <Text>Cancelled: nothing was saved.</Text>
      </ScreenLayout>
    );
  if (state.stage === 'review' || state.stage === 'saving') {
    return (
      <ScreenLayout
        actions={
          state.stage === 'saving' ? (
            <Text>Saving…</Text>
          ) : (
            <SelectView items={REVIEW_CHOICES} cursor={state.cursor} width={width} />
          )
        }
      >
        <Text bold>Review</Text>
        {props.summarize(state.answers).map((line, i) => (
          <WrappedText key={i} text={line} width={width} />
        ))}
        {state.problems.map((p, i) => (
          <HangingText key={`p${i}`} prefix={`${MARK.fail} `} text={p} width={width} tone="error" />
        ))}
      </ScreenLayout>
    );
  }
  const questions = visibleQuestions(deps.questions, state.answers);
  const index = questions.findIndex((q) => q.id === state.questionId);
  const q = questions[index]!;
  const label = `${q.label}${q.kind === 'text' && q.optional ? ' (optional)' : ''}`;
  const input =
    q.kind === 'choice' ? (
      <SelectView items={q.choices} cursor={state.cursor} width={width} />
    ) : (
      <Text wrap="truncate-end">
        <Tone tone="accent">{MARK.pointer} </Tone>
        {inputTail(state.text, width - 3)}
        <Text inverse> </Text>
      </Text>
    );
  return (
    <ScreenLayout
      actions={
        <Box flexDirection="column">
          {input}
          {state.error ? (
            <HangingText prefix={`${MARK.fail} `} text={state.error} width={width} tone="error" />
          ) : null}
        </Box>
      }
    >
      <Text wrap="truncate-end">
        <Tone tone="muted">{`${q.section} · ${index + 1} of ${questions.length}`}</Tone>
      </Text>
      <HangingText prefix="" text={label} width={width} bold />
      {q.help ? <HangingText prefix="" text={q.help} width={width} tone="muted" /> : null}
    </ScreenLayout>
  );
}

/** The `?` overlay: what the open question is for, then every key (as the wizard's help). */
function SetupHelp(props: { state: SetupState; deps: SetupDeps; width: number }) {
  const { state } = props;
  const q = visibleQuestions(props.deps.questions, state.answers).find((x) => x.id === state.questionId);
  const about =
    state.stage === 'review'
      ? 'What will be saved. Nothing is written until you choose Save.'
      : q
        ? `${q.label}${q.help ? ` ${q.help}` : ''}`
        : '';
  const keys: [string, string][] = [
    ...(state.stage === 'review'
      ? ([
          ['↑↓', 'choose'],
          ['Enter', 'confirm'],
        ] as [string, string][])
      : ([
          ['Enter', 'next'],
          ['Ctrl-U', 'clear'],
        ] as [string, string][])),
    ['Esc', 'back one question (on the first one: leave without saving)'],
    ['PgUp/PgDn', 'scroll text longer than the window, a page (Shift+↑↓: a line)'],
    ['Ctrl-C', 'cancel: nothing is saved'],
  ];
  // Inside the box's border and padding (4 columns).
  const width = props.width - 4;
  return (
    <ScreenLayout>
      <Box flexDirection="column" borderStyle="round" paddingX={1}>
        <Text bold>Help</Text>
        <WrappedText text={about} width={width} />
        <Text> </Text>
        {keys.map(([k, d], i) => (
          <HangingText key={i} prefix={`  ${k.padEnd(8)} `} text={d} width={width} />
        ))}
      </Box>
    </ScreenLayout>
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

// Ink tests: act() needs this flag (stack notes: act() passed 60 of 60 where sleeps were flaky).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

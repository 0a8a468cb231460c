// Counted nouns for the screens and reports: "1 duplicate", "2 duplicates".

/** `count` and the noun, singular for exactly one (the plural defaults to noun + "s"). */
export function counted(count: number, noun: string, pluralForm = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralForm}`;
}

/**
 * Shell words for the commands `tracklayer rollout` prints, so every printed command can be
 * pasted into bash (or run by the deploy workflow) as it is.
 */

/** Characters that need no quoting in a bash word. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Characters bash expands inside double quotes. */
const EXPANDED_IN_DOUBLE_QUOTES = /["$`\\!]/;

/**
 * `word` as one bash word: unchanged when it is safe; double-quoted when it holds single quotes
 * (JMESPath string literals) and nothing bash expands in double quotes; single-quoted otherwise.
 */
export function shellWord(word: string): string {
  if (word !== '' && SAFE_WORD.test(word)) return word;
  if (word.includes("'") && !EXPANDED_IN_DOUBLE_QUOTES.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** A command line from its words. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/** A check that runs `command` and compares its trimmed output with `expected` (`=` or `!=`). */
export function expectOutput(command: readonly string[], operator: '=' | '!=', expected: string): string {
  return `test "$(${shellCommand(command)})" ${operator} ${shellWord(expected)}`;
}

/** A check that `command` prints an integer of at least `minimum` (the integer part of a decimal counts). */
export function expectAtLeast(command: readonly string[], minimum: number): string {
  return `test "$(${shellCommand(command)} | cut -d. -f1)" -ge ${minimum}`;
}

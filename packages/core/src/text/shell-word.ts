/** Words a POSIX shell reads as they are: nothing to quote. */
const PLAIN = /^[\w@%+=:,./-]+$/;

/**
 * A word of a command smtpcfg tells the user to run, quoted for a POSIX shell when it needs to be
 * (`'my configs/prod.yaml'`), so that the command works as it is copied: a path with a space
 * would otherwise be two words.
 */
export function shellWord(word: string): string {
  return PLAIN.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

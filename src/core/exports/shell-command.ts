/**
 * Commands printed for people to run (the report's "How to verify", a still's sidecar): file
 * names quoted so a POSIX shell reads each as one argument, whatever it holds.
 */

/** A text quoted for a POSIX shell (single quotes; a quote inside closed and reopened). */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A file's name as a command takes it: quoted, and "./"-prefixed when it starts with "-" (so
 * no tool reads it as an option). A name with a line break cannot be typed as one argument
 * on one line: the report says to rename the file.
 */
export function fileArgument(fileName: string): string {
  return shellQuote(fileName.startsWith('-') ? `./${fileName}` : fileName);
}

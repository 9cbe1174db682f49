/**
 * Table column widths, as browsers' automatic table layout does it, with one extra step for
 * hashes: a column gets room for its content on one line if everything fits; else at least
 * its widest word at the preferred size (so hashes keep their size); else at least its widest
 * word with mono shrunk to the minimum (hashes smaller but whole); only past that do words
 * break.
 */

export interface CellWidths {
  /** The cell's text on one line. */
  readonly natural: number;
  /** Its widest word at the preferred sizes. */
  readonly widestWord: number;
  /** Its widest word with mono at MIN_MONO_SIZE. */
  readonly widestWordAtMinMono: number;
}

const sum = (values: readonly number[]): number =>
  values.reduce((total, value) => total + value, 0);

/**
 * `floor` for every column plus the rest of `available` shared in proportion to how much more
 * each column would like (`wish - floor`), or to `floor` when no column wishes more.
 */
function share(floor: readonly number[], wish: readonly number[], available: number): number[] {
  const spare = available - sum(floor);
  const wants = wish.map((value, index) => Math.max(0, value - floor[index]!));
  const totalWant = sum(wants);
  if (totalWant > 0)
    return floor.map((value, index) => value + (spare * wants[index]!) / totalWant);
  const totalFloor = sum(floor);
  if (totalFloor > 0) return floor.map((value) => value + (spare * value) / totalFloor);
  return floor.map(() => available / floor.length);
}

/** Content widths (padding excluded) of the columns, summing to `available`. */
export function columnWidths(
  columns: readonly (readonly CellWidths[])[],
  available: number,
): number[] {
  const widest = (pick: (cell: CellWidths) => number): number[] =>
    columns.map((cells) => Math.max(0, ...cells.map(pick)));
  const natural = widest((cell) => cell.natural);
  const word = widest((cell) => cell.widestWord);
  const smallWord = widest((cell) => cell.widestWordAtMinMono);
  // The "natural" width of a column is never less than its widest word.
  const comfortable = natural.map((value, index) => Math.max(value, word[index]!));
  if (sum(comfortable) <= available) return share(comfortable, comfortable, available);
  if (sum(word) <= available) return share(word, comfortable, available);
  if (sum(smallWord) <= available) return share(smallWord, word, available);
  // Not even the shrunk words fit: columns in proportion, and the widest words break.
  return share(
    smallWord.map(() => 0),
    smallWord,
    available,
  );
}

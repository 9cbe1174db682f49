import { tick } from 'svelte';

/**
 * Scrolls the item just added to a side-panel list into view (lists are in frame order, so a
 * new item can land anywhere, out of sight). `before` is the ids there were before adding;
 * `elementOf` finds an id's list item once it is drawn.
 */
export async function revealAdded(
  before: ReadonlySet<string>,
  after: Iterable<string>,
  elementOf: (id: string) => Element | null,
): Promise<void> {
  const added = [...after].find((id) => !before.has(id));
  if (added === undefined) return;
  await tick();
  // At once, not smoothly: the person is looking for it now (and motion may be unwelcome).
  elementOf(added)?.scrollIntoView({ block: 'nearest' });
}

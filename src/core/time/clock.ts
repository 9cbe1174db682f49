/** The current time as ISO 8601 UTC, the one format every stored and exported time uses. */
export const nowIso = (): string => new Date().toISOString();

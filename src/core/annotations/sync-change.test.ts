import { describe, expect, it } from 'vitest';
import { entriesForCommand } from '../evidence/audit';
import { EMPTY_SYNC, type CaseSync, type SyncAnchorId } from '../sync/model';
import { applyCommand, emptyDocument, invert, type Command } from './history';
import { frameIndex, sha256, type CaseId } from '../ids';

const anchored: CaseSync = {
  anchors: [
    {
      id: 'anchor_1' as SyncAnchorId,
      a: {
        sha256: sha256('a'.repeat(64)),
        frame: frameIndex(10),
        seconds: 0.4,
        halfIntervalS: 0.02,
      },
      b: {
        sha256: sha256('b'.repeat(64)),
        frame: frameIndex(3),
        seconds: 0.1,
        halfIntervalS: 0.0167,
      },
      source: 'frames',
      note: '',
      createdAt: '2026-12-06T10:00:00.000Z',
    },
  ],
  soundSuggestions: [],
};

describe('a change of the synchronisation', () => {
  const command: Command = {
    name: 'Add sync anchor',
    changes: [{ kind: 'sync', before: EMPTY_SYNC, after: anchored }],
  };

  it('is applied and undone like the labels (the case-wide record, replaced whole)', () => {
    const doc = emptyDocument();
    expect(doc.sync).toEqual(EMPTY_SYNC);
    const after = applyCommand(doc, command);
    expect(after.sync).toBe(anchored);
    expect(after.tracks).toBe(doc.tracks);
    expect(applyCommand(after, invert(command)).sync).toEqual(EMPTY_SYNC);
  });

  it('is logged as sync.edit, with the sync before and after', () => {
    const [entry] = entriesForCommand(command, {
      caseId: 'case_x' as CaseId,
      at: '2026-12-06T10:00:00.000Z',
      examiner: 'A',
      appVersion: 'test',
      kind: 'do',
    });
    expect(entry).toMatchObject({
      action: 'sync.edit',
      targetKind: 'sync',
      targetId: null,
      before: EMPTY_SYNC,
      after: anchored,
    });
  });
});

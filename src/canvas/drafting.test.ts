import { describe, expect, it } from 'vitest';
import {
  closesPolygon,
  draftPreview,
  finishClickDraft,
  finishDragDraft,
  type Draft,
} from './drafting';

const frame = { width: 100, height: 80 };

describe('drafting', () => {
  it('drag tools make a box, an ellipse or an arrow from press to release', () => {
    const draft = (tool: Draft['tool']): Draft => ({
      tool,
      vertices: [{ x: 10, y: 10 }],
      pointer: { x: 30, y: 50 },
    });
    expect(finishDragDraft(draft('rectangle'), frame)).toEqual({
      kind: 'rectangle',
      x: 10,
      y: 10,
      width: 20,
      height: 40,
      rotation: 0,
    });
    expect(finishDragDraft(draft('ellipse'), frame)).toEqual({
      kind: 'ellipse',
      cx: 20,
      cy: 30,
      rx: 10,
      ry: 20,
      rotation: 0,
    });
    expect(finishDragDraft(draft('arrow'), frame)).toEqual({
      kind: 'arrow',
      from: { x: 10, y: 10 },
      to: { x: 30, y: 50 },
    });
    expect(finishDragDraft(draft('polygon'), frame)).toBeNull();
  });

  it('click tools finish with enough vertices, dropping a double-click repeat', () => {
    const vertices = [
      { x: 1, y: 1 },
      { x: 20, y: 1 },
      { x: 20, y: 20 },
      { x: 20.2, y: 20.1 },
    ];
    const polygon: Draft = { tool: 'polygon', vertices, pointer: { x: 0, y: 0 } };
    expect(finishClickDraft(polygon)).toEqual({ kind: 'polygon', points: vertices.slice(0, 3) });
    expect(finishClickDraft({ ...polygon, vertices: vertices.slice(0, 2) })).toBeNull();
    expect(
      finishClickDraft({ ...polygon, tool: 'polyline', vertices: vertices.slice(0, 2) }),
    ).toEqual({
      kind: 'polyline',
      points: vertices.slice(0, 2),
    });
    expect(
      finishClickDraft({ ...polygon, tool: 'points', vertices: vertices.slice(0, 1) }),
    ).toEqual({
      kind: 'points',
      points: vertices.slice(0, 1),
    });
  });

  it('previews a polygon as a line to the pointer, and closes it on the first vertex', () => {
    const draft: Draft = {
      tool: 'polygon',
      vertices: [
        { x: 1, y: 1 },
        { x: 20, y: 1 },
        { x: 20, y: 20 },
      ],
      pointer: { x: 5, y: 15 },
    };
    expect(draftPreview(draft, frame)).toEqual({
      kind: 'polyline',
      points: [...draft.vertices, draft.pointer],
    });
    expect(closesPolygon(draft, { x: 2, y: 2 }, 3)).toBe(true);
    expect(closesPolygon(draft, { x: 9, y: 9 }, 3)).toBe(false);
    expect(
      closesPolygon({ ...draft, vertices: draft.vertices.slice(0, 2) }, { x: 1, y: 1 }, 3),
    ).toBe(false);
  });
});

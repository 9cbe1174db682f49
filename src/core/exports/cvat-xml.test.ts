import { describe, expect, it } from 'vitest';
import { buildDocument } from '../annotations/history';
import type { AttributeId, LabelId, TrackId } from '../ids';
import { readValue } from '../annotations/labels';
import {
  DEFAULT_LABELS,
  type Keyframe,
  type Label,
  type Shape,
  type Track,
} from '../annotations/model';
import {
  TEST_CASE,
  TEST_EVIDENCE,
  TEST_NOW,
  approx,
  box,
  deepFreeze,
  key,
  trackOf,
} from '../test-support';
import { buildCvatXml, type ExportInput } from './cvat-xml';
import { importCvatXml } from './cvat-xml-import';

const GENERATOR = { name: 'Framewise', version: '0.1.0' };
const [OFFICER, VEHICLE] = DEFAULT_LABELS as [Label, Label, Label];

/** A label whose name and attributes try to break out of the XML. */
const HOSTILE: Label = {
  id: 'label_hostile' as LabelId,
  name: `<img src=x onerror=alert(1)> & "quoted" 'apos' </label>`,
  color: '#12ab34',
  attributes: [
    {
      id: 'attr_note' as AttributeId,
      name: 'note <b>&amp;</b>',
      type: 'text',
      scope: 'track',
      options: [],
      defaultValue: '',
    },
    {
      id: 'attr_speed' as AttributeId,
      name: 'speed',
      type: 'number',
      scope: 'frame',
      options: [],
      defaultValue: 0,
    },
  ],
};
const LABELS = [...DEFAULT_LABELS, HOSTILE];

const track = (number: number, label: Label, keyframes: Keyframe[], attributes = {}): Track => ({
  ...trackOf(...keyframes),
  id: `track_${number}` as TrackId,
  number,
  labelId: label.id,
  attributes,
});

const ellipse: Shape = { kind: 'ellipse', cx: 50, cy: 60, rx: 20.5, ry: 10.25, rotation: 30 };
const polygon = (dx: number): Shape => ({
  kind: 'polygon',
  points: [
    { x: 1 + dx, y: 2 },
    { x: 30 + dx, y: 4.5 },
    { x: 15 + dx, y: 40 },
  ],
});
const polyline: Shape = {
  kind: 'polyline',
  points: [
    { x: 0, y: 0 },
    { x: 100.75, y: 50.5 },
  ],
};
const points = (n: number): Shape => ({
  kind: 'points',
  points: Array.from({ length: n }, (_, i) => ({ x: 10 * i, y: 5 * i })),
});

/** Tracks of every kind CVAT knows, with flags, gaps, rotation and attributes of each type. */
const TRACKS: Track[] = [
  track(
    1,
    VEHICLE,
    [
      key(10, box(10, 20, 100, 50), { attributes: { attr_vehicle_motion: 'forward' } }),
      key(20, { ...box(40, 25, 110, 55), rotation: 15.5 }, { origin: 'propagated' }),
      key(25, box(52, 27, 114, 57), { origin: 'computed', occluded: true }),
      key(30, box(60, 30, 120, 60), { outside: true }),
    ],
    { attr_vehicle_plate: 'AB 123 & "CD"', attr_vehicle_description: 'line one\nline two' },
  ),
  track(2, OFFICER, [
    key(0, ellipse, { attributes: { attr_officer_holding: true } }),
    key(5, ellipse, { outside: true }),
    key(40, { ...ellipse, cx: 80 }, { attributes: { attr_officer_weapon: true } }),
  ]),
  track(
    3,
    HOSTILE,
    [key(100, polygon(0), { attributes: { attr_speed: 12.5 } }), key(110, polygon(9))],
    {
      attr_note: '</attribute><x>&amp;',
    },
  ),
  track(4, VEHICLE, [key(200, polyline), key(290, polyline, { occluded: true })]),
  track(5, VEHICLE, [key(3, points(1)), key(7, points(3)), key(9, points(3), { outside: true })]),
];

const input = (tracks: Track[], labels: readonly Label[] = LABELS): ExportInput =>
  deepFreeze({
    evidence: TEST_EVIDENCE,
    caseRecord: TEST_CASE,
    document: buildDocument({ tracks, labels }),
    generator: GENERATOR,
    now: TEST_NOW,
  });

/** What the import should give back for a track: names for ids, attributes read as shown. */
function expected(t: Track) {
  const label = LABELS.find((l) => l.id === t.labelId)!;
  const named = (scope: 'track' | 'frame', values: Record<string, unknown>) =>
    Object.fromEntries(
      label.attributes
        .filter((s) => s.scope === scope)
        .map((s) => [s.name, readValue(s, values[s.id] as never)]),
    );
  return {
    label: label.name,
    attributes: named('track', t.attributes),
    keyframes: t.keyframes.map((k) => ({
      frame: k.frame,
      shape: approx(k.shape, 2),
      outside: k.outside,
      occluded: k.occluded,
      attributes: named('frame', k.attributes),
    })),
  };
}

/** The shape elements of one <track>, by its position in the file. */
function elements(xml: string, trackId: number): string[] {
  const body = xml.split('<track ')[trackId + 1]!.split('</track>')[0]!;
  return body.match(/<(box|ellipse|polygon|polyline|points) /g) ?? [];
}

describe('buildCvatXml', () => {
  it('writes the header, meta and a track as CVAT does', () => {
    const { xml } = buildCvatXml(input([TRACKS[0]!], DEFAULT_LABELS));
    const lines = xml.split('\n');
    expect(lines.slice(0, 12)).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<!-- Framewise 0.1.0 -->',
      '<annotations>',
      '  <version>1.1</version>',
      '  <meta>',
      '    <task>',
      '      <id>0</id>',
      '      <name>Test case</name>',
      '      <size>300</size>',
      '      <mode>interpolation</mode>',
      '      <overlap>0</overlap>',
      '      <bugtracker></bugtracker>',
    ]);
    expect(xml).toContain('<stop_frame>299</stop_frame>');
    expect(xml).toContain(
      '      <original_size>\n        <width>704</width>\n        <height>576</height>',
    );
    expect(xml).toContain('<source>cctv.mp4</source>');
    expect(xml).toContain(
      [
        '            <attribute>',
        '              <name>motion</name>',
        '              <mutable>True</mutable>',
        '              <input_type>select</input_type>',
        '              <default_value>unknown</default_value>',
        '              <values>unknown\nstationary\nforward\nreversing</values>',
        '            </attribute>',
      ].join('\n'),
    );
    expect(xml).toContain(
      [
        '  <track id="0" label="vehicle" source="manual">',
        '    <box frame="10" keyframe="1" outside="0" occluded="0" xtl="10.00" ytl="20.00" xbr="110.00" ybr="70.00" z_order="0">',
        '      <attribute name="motion">forward</attribute>',
        '      <attribute name="make, model, colour">line one\nline two</attribute>',
        '      <attribute name="plate">AB 123 &amp; "CD"</attribute>',
        '    </box>',
        '    <box frame="11" keyframe="0" outside="0" occluded="0" xtl="13.00" ytl="20.50" xbr="114.00" ybr="71.00" rotation="1.55" z_order="0">',
      ].join('\n'),
    );
    expect(xml.endsWith('  </track>\n</annotations>\n')).toBe(true);
  });

  it('writes every frame from the first keyframe to the outside one', () => {
    const { xml } = buildCvatXml(input([TRACKS[0]!]));
    expect(elements(xml, 0)).toHaveLength(21); // frames 10..30
    expect(xml.match(/keyframe="1"/g)).toHaveLength(4); // computed keyframes too
    expect(xml).toMatch(/<box frame="25" keyframe="1" outside="0" occluded="1"/);
    expect(xml).toMatch(/<box frame="26" keyframe="0" outside="0" occluded="1"/);
    expect(xml).toMatch(/<box frame="30" keyframe="1" outside="1" occluded="0"/);
    expect(xml).not.toContain('frame="31"');
  });

  it('keeps tracked keyframes, confirmed or not, as keyframes (keyframe="1")', () => {
    const tracking = {
      runId: 'run_1',
      confidence: 0.82,
      algorithm: 'NCC',
      confirmedBy: null,
      confirmedAt: null,
    };
    const tracked = track(1, VEHICLE, [
      key(10, box(10, 20, 100, 50)),
      key(11, box(14, 21, 100, 50), { origin: 'tracked', tracking }),
      key(13, box(20, 25, 100, 50), {
        origin: 'tracked',
        tracking: { ...tracking, confirmedBy: 'A. Examiner', confirmedAt: TEST_NOW },
      }),
      key(14, box(20, 25, 100, 50), { outside: true }),
    ]);
    const { xml } = buildCvatXml(input([tracked]));
    expect(xml).toMatch(/<box frame="11" keyframe="1" outside="0" occluded="0" xtl="14.00"/);
    expect(xml).toMatch(/<box frame="12" keyframe="0" /); // between them: computed
    expect(xml).toMatch(/<box frame="13" keyframe="1" outside="0" occluded="0" xtl="20.00"/);
    // CVAT has no place for who set a keyframe: nothing is invented for it.
    expect(xml).not.toMatch(/tracked|confidence|A\. Examiner/);
    const [back] = importCvatXml(xml).tracks;
    expect(back!.keyframes.map((k) => k.frame)).toEqual([10, 11, 13, 14]);
  });

  it('carries a track still in view on to the clip’s last frame, and skips outside spans', () => {
    const { xml } = buildCvatXml(input(TRACKS));
    expect(elements(xml, 1)).toHaveLength(6 + 260); // 0..5, then 40..299
    expect(xml).toContain('<ellipse frame="299" keyframe="0" outside="0" occluded="0"');
    expect(elements(xml, 3)).toHaveLength(100); // 200..299
  });

  it('skips arrows and text, and says so', () => {
    const arrow = track(6, VEHICLE, [
      key(1, { kind: 'arrow', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }),
    ]);
    const text = track(7, OFFICER, [
      key(1, { kind: 'text', x: 0, y: 0, text: 'hi', fontSize: 12 }),
    ]);
    const { xml, skipped } = buildCvatXml(input([TRACKS[0]!, arrow, text]));
    expect(skipped).toEqual([
      { track: 6, label: 'vehicle', reason: 'arrows have no equivalent in this format.' },
      { track: 7, label: 'officer', reason: 'text callouts have no equivalent in this format.' },
    ]);
    expect(xml.match(/<track /g)).toHaveLength(1);
  });

  it('escapes hostile names and values', () => {
    const { xml } = buildCvatXml(input([TRACKS[2]!]));
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<b>');
    expect(xml).toContain('label="&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;');
    expect(xml).toContain('<attribute name="note &lt;b&gt;&amp;amp;&lt;/b&gt;">&lt;/attribute&gt;');
  });
});

describe('importCvatXml', () => {
  it('gives back the same tracks, flags and attributes (2-decimal rounding)', () => {
    const imported = importCvatXml(buildCvatXml(input(TRACKS)).xml);
    expect(imported.format).toBe('cvat-video-1.1');
    expect(imported.source).toEqual({
      fileName: 'cctv.mp4',
      width: 704,
      height: 576,
      frameCount: 300,
    });
    expect(
      imported.tracks.map(({ label, attributes, keyframes }) => ({ label, attributes, keyframes })),
    ).toEqual(TRACKS.map(expected));
    expect(imported.tracks.map((t) => t.sourceId)).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives back the labels with their attributes', () => {
    const imported = importCvatXml(buildCvatXml(input([])).xml);
    expect(imported.labels).toEqual(
      LABELS.map(({ name, color, attributes }) => ({
        name,
        color,
        attributes: attributes.map(({ id: _id, ...spec }) => spec),
      })),
    );
  });

  it('keeps a flag change on a non-key frame as a keyframe', () => {
    const xml = buildCvatXml(input([TRACKS[3]!])).xml.replace(
      '<polyline frame="250" keyframe="0" outside="0" occluded="0"',
      '<polyline frame="250" keyframe="0" outside="0" occluded="1"',
    );
    const frames = importCvatXml(xml).tracks[0]!.keyframes.map((k) => [k.frame, k.occluded]);
    expect(frames).toEqual([
      [200, false],
      [250, true],
      [251, false],
      [290, true],
    ]);
  });
});

describe('importCvatXml refuses hostile and broken files', () => {
  const good = buildCvatXml(input([TRACKS[0]!])).xml;

  it.each([
    [
      'an entity bomb',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><annotations>&lol2;</annotations>',
      /declares a DOCTYPE or entities/,
    ],
    [
      'an external entity',
      '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><annotations>&xxe;</annotations>',
      /declares a DOCTYPE/,
    ],
    ['a truncated file', good.slice(0, good.length / 2), /not well-formed XML/],
    ['tags that do not match', '<annotations><version>1.1</meta></annotations>', /not well-formed/],
    ['no annotations', '<cvat/>', /not a CVAT XML file/],
    [
      'another version',
      good.replace('<version>1.1', '<version>2.0'),
      /version 1.1; this file says "2.0"/,
    ],
    [
      'CVAT for images',
      good.replace(/<track [^]*<\/track>/, '<image id="0" name="a.png"></image>'),
      /"CVAT for images"/,
    ],
    [
      'a project export',
      good.replace('<task>', '<project><task>').replace('</task>', '</task></project>'),
      /CVAT project/,
    ],
    [
      'a coordinate that is not a number',
      good.replace('xtl="10.00"', 'xtl="ten"'),
      'track 0, frame 10: xtl is not a number ("ten").',
    ],
    [
      'NaN',
      good.replace('ytl="20.00"', 'ytl="NaN"'),
      'track 0, frame 10: ytl is not a number ("NaN").',
    ],
    ['Infinity', good.replace('ytl="20.00"', 'ytl="Infinity"'), /ytl is not a number/],
    [
      'a huge number',
      good.replace('xbr="110.00"', 'xbr="1e300"'),
      'track 0, frame 10: xbr (1e300) is too large for a frame position.',
    ],
    [
      'a negative size',
      good.replace('xbr="110.00"', 'xbr="1.00"'),
      'track 0, frame 10: the box has a negative size.',
    ],
    [
      'an unknown label',
      good.replace('label="vehicle"', 'label="tank"'),
      'track 0: its label "tank" is not among the file\'s labels.',
    ],
    [
      'a bad frame',
      good.replace('frame="10"', 'frame="-3"'),
      'track 0: frame -3 is out of range (0 to 10000000).',
    ],
    [
      'a frame twice',
      good.replace('frame="11"', 'frame="10"'),
      'track 0: frame 10 is given twice.',
    ],
    [
      'a bad flag',
      good.replace('occluded="0"', 'occluded="yes"'),
      'track 0, frame 10: occluded should be 0 or 1.',
    ],
    [
      'an option not offered',
      good.replace('>forward<', '>sideways<'),
      /frame 10: attribute "motion": "sideways" is not one of its options/,
    ],
    [
      'an unknown attribute',
      good.replace('name="motion">forward', 'name="colour">red'),
      /"colour" is not an attribute of "vehicle"/,
    ],
    [
      'a cuboid',
      good.replace('<box frame="10"', '<cuboid frame="10"').replace('</box>', '</cuboid>'),
      /is a cuboid; Framewise has no equivalent/,
    ],
    ['an undeclared entity', good.replace('AB 123', '&nbsp;'), /the entity "&nbsp;" is not XML's/],
    [
      'a bare ampersand',
      good.replace('AB 123 &amp;', 'AB & 123'),
      /line \d+: char '&' is not expected/,
    ],
    [
      'a prototype key',
      good.replace('<box frame="10"', '<box __proto__="x" frame="10"'),
      /__proto__" is a reserved JavaScript keyword/,
    ],
  ])('%s', (_name, xml, message) => {
    expect(() => importCvatXml(xml)).toThrow(message);
  });

  it('refuses over 200 MB without reading it', () => {
    const huge = ' '.repeat(200 * 1024 * 1024 + 1);
    expect(() => importCvatXml(huge)).toThrow('The file is over 200 MB');
  });

  it('fails fast and cleanly on 50 MB of nesting', () => {
    const deep = `<annotations>${'<track>'.repeat((50 * 1024 * 1024) / 7)}`;
    const started = performance.now();
    expect(() => importCvatXml(deep)).toThrow(/not well-formed XML \(Maximum nested tags exceeded/);
    expect(performance.now() - started).toBeLessThan(10000); // measured: about 80 ms
  });

  it('does not let a file add properties to objects', () => {
    try {
      importCvatXml(
        good.replace('<box frame="10"', '<box __proto__="x" constructor="y" frame="10"'),
      );
    } catch {
      // refused or read: either way nothing may leak into Object.prototype
    }
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('importCvatXml reads files as CVAT writes them', () => {
  it('reads a job export with owners, segments, skeleton sub-labels and group ids', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <job>
      <id>7</id>
      <size>50</size>
      <mode>interpolation</mode>
      <segments>
        <segment><id>3</id><start>0</start><stop>49</stop><url>https://cvat.example/api/jobs/7</url></segment>
      </segments>
      <owner><username>ann</username><email>ann@example.org</email></owner>
      <assignee></assignee>
      <labels>
        <label>
          <name>person</name>
          <color>#33ddff</color>
          <type>any</type>
          <attributes>
            <attribute>
              <name>pose</name>
              <mutable>True</mutable>
              <input_type>radio</input_type>
              <default_value>standing</default_value>
              <values>standing
sitting</values>
            </attribute>
            <attribute>
              <name>age</name>
              <mutable>False</mutable>
              <input_type>number</input_type>
              <default_value>30</default_value>
              <values>0
120
1</values>
            </attribute>
          </attributes>
        </label>
        <label><name>head</name><color>#ff0000</color><type>points</type><parent>person</parent><attributes></attributes></label>
      </labels>
    </job>
    <original_size><width>1920</width><height>1080</height></original_size>
    <dumped>2024-05-01 10:00:00.000000+00:00</dumped>
  </meta>
  <track id="0" label="person" source="auto" group_id="2">
    <box frame="3" keyframe="1" outside="0" occluded="0" xtl="1.50" ytl="2.00" xbr="11.50" ybr="22.00" z_order="1">
      <attribute name="pose">sitting</attribute>
      <attribute name="age">41</attribute>
    </box>
    <box frame="4" keyframe="0" outside="0" occluded="0" xtl="1.50" ytl="2.00" xbr="11.50" ybr="22.00" z_order="1">
      <attribute name="pose">sitting</attribute>
      <attribute name="age">41</attribute>
    </box>
    <box frame="5" keyframe="1" outside="1" occluded="0" xtl="1.50" ytl="2.00" xbr="11.50" ybr="22.00" z_order="1">
      <attribute name="age">41</attribute>
    </box>
  </track>
</annotations>
`;
    const imported = importCvatXml(xml);
    expect(imported.source).toEqual({ fileName: null, width: 1920, height: 1080, frameCount: 50 });
    expect(imported.labels).toEqual([
      {
        name: 'person',
        color: '#33ddff',
        attributes: [
          {
            name: 'pose',
            type: 'select',
            scope: 'frame',
            options: ['standing', 'sitting'],
            defaultValue: 'standing',
          },
          { name: 'age', type: 'number', scope: 'track', options: [], defaultValue: 30 },
        ],
      },
    ]);
    expect(imported.tracks).toEqual([
      {
        sourceId: 0,
        label: 'person',
        attributes: { age: 41 },
        keyframes: [3, 5].map((frame) => ({
          frame,
          shape: { kind: 'rectangle', x: 1.5, y: 2, width: 10, height: 20, rotation: 0 },
          outside: frame === 5,
          occluded: false,
          attributes: { pose: 'sitting' }, // carried on where a keyframe leaves it out
        })),
      },
    ]);
  });

  it('writes a number attribute’s range around the values used', () => {
    const { xml } = buildCvatXml(input([TRACKS[2]!]));
    expect(xml).toContain('<name>speed</name>');
    expect(xml).toContain('<values>0\n13\n0.01</values>');
  });

  it('gives the upright size of a video turned a quarter', () => {
    const turned = { ...input([]), evidence: { ...TEST_EVIDENCE, rotation: -90 } };
    expect(buildCvatXml(turned).xml).toContain('<width>576</width>\n        <height>704</height>');
  });
});

/**
 * The videos of the open case (issue 15): the lead, on screen in the editor (ws.source), and
 * the others beside it (OtherVideo), each frame-exact on its own engine. Stepping or playing
 * the lead moves each other video to the frame on screen at the lead's instant on the case
 * timeline (t_case = rate × t_video + offset, fitted from the case's anchors: core/sync).
 */
import { latestSet, setsOfVideo } from '../../core/annotations/annotation-sets';
import type { CaseVideo, Evidence } from '../../core/annotations/model';
import { frameIndex, type Sha256 } from '../../core/ids';
import { nowIso } from '../../core/time/clock';
import { fitSync, type SyncFit, type SyncVideo, type VideoFit } from '../../core/sync/fit';
import {
  frameAtInstant,
  IDENTITY_MAPPING,
  toCaseTime,
  toVideoTime,
  type TimeMapping,
} from '../../core/sync/timeline-map';
import { frameClockOf, frameTimes } from '../../media/audio-track';
import { FfmpegEngine } from '../../media/ffmpeg-engine';
import { hashFile } from '../../media/hash-file';
import { messageOf } from '../../media/media-error';
import { VideoSource } from '../../media/video-source';
import { firstSetOf, setCreated } from './annotation-set-actions';
import { evidenceOf } from './case-loading';
import { OtherVideo } from './other-video.svelte';
import { Sound } from './sound.svelte';
import type { Workspace } from './workspace.svelte';
import { fitViewToLead } from './view-actions';

/** Side by side, two to four videos (more would leave each too small to examine). */
export const MAX_VIDEOS = 4;

/** One video of the case, in case order (the reference, the case's first video, first). */
export interface CaseVideoEntry {
  readonly sha256: Sha256;
  readonly fileName: string;
  readonly evidence: Evidence | null;
  /** Its open file; null when it has not been chosen since the case was opened. */
  readonly source: VideoSource | null;
  readonly isLead: boolean;
}

export class CaseVideos {
  /** The videos beside the lead, in case order. */
  others = $state.raw<OtherVideo[]>([]);
  /** The file being added ("Add video to case"), while it is read and hashed. */
  adding = $state<string | null>(null);
  /** The "Synchronise videos" dialog is open. */
  syncOpen = $state(false);
  /**
   * While an anchor is being made, the video chosen for it stays on the frame the examiner
   * picks (the sync dialog's "Its frame") instead of following the lead.
   */
  anchoring = $state.raw<{ sha256: string; frame: number } | null>(null);
  /** Every frame's t_video in the lead (recomputed when the lead or its table changes). */
  #leadTiming: { source: VideoSource; times: number[]; intervalS: number } | null = null;

  constructor(private readonly ws: Workspace) {}

  /** More than one video: the views are side by side. */
  get several(): boolean {
    return this.others.length > 0;
  }

  /** Every video of the case in case order, the lead among them. */
  readonly entries: CaseVideoEntry[] = $derived.by(() => {
    const ws = this.ws;
    const record = ws.caseRecord;
    if (!record) return [];
    const videos = [
      { sha256: record.evidenceSha256, fileName: record.evidenceFileName },
      ...record.addedVideos,
    ];
    return videos.map(({ sha256, fileName }) => {
      const other = this.others.find((o) => o.sha256 === sha256);
      const isLead = ws.evidence?.sha256 === sha256;
      return {
        sha256,
        fileName,
        evidence: isLead ? ws.evidence : (other?.evidence ?? null),
        source: isLead ? ws.source : (other?.source ?? null),
        isLead,
      };
    });
  });

  /** The open file of a video of the case (the lead or another); null when not open. */
  sourceOf(sha256: string): VideoSource | null {
    return this.entries.find((e) => e.sha256 === sha256)?.source ?? null;
  }

  /** The videos as the sync fit takes them, in case order (sync-actions checks anchors on it). */
  readonly syncVideos: SyncVideo[] = $derived(
    this.entries.map((e) => ({
      sha256: e.sha256,
      frameIntervalS: frameIntervalOf(e.source),
      name: e.fileName,
    })),
  );

  /** How the videos line up: each one's rate and offset, fitted from the case's anchors. */
  readonly fit: SyncFit = $derived.by(() =>
    fitSync(this.syncVideos, this.ws.document.sync.anchors),
  );

  /** A video's fit (reference, synced, offset only or unsynced). */
  fitOf(sha256: string): VideoFit | null {
    return this.fit.videos.find((v) => v.sha256 === sha256) ?? null;
  }

  /** A video's mapping to the case timeline; an unsynced one is shown as if it began with the reference. */
  mappingOf(sha256: string): TimeMapping {
    const fit = this.fitOf(sha256);
    return fit && fit.state !== 'unsynced'
      ? { rate: fit.rate, offset: fit.offset }
      : IDENTITY_MAPPING;
  }

  /** The lead's frame on screen as an instant of the case timeline (seconds); null: no video. */
  leadInstant(): number | null {
    const ws = this.ws;
    const timing = this.leadTiming();
    const t = timing?.times[ws.player.wanted];
    return t === undefined || !ws.evidence
      ? null
      : toCaseTime(this.mappingOf(ws.evidence.sha256), t);
  }

  /**
   * Every frame's t_video in the lead and its frame interval, computed once per lead source
   * (stepping reads it on every frame); null with no video.
   */
  leadTiming(): { times: number[]; intervalS: number } | null {
    const source = this.ws.source;
    if (!source) return null;
    if (this.#leadTiming?.source !== source) {
      const clock = frameClockOf(source);
      this.#leadTiming = { source, times: frameTimes(clock), intervalS: 1 / clock.fps };
    }
    return this.#leadTiming;
  }

  /** Moves every other video to the frame on screen at the lead's instant. */
  followLead(): void {
    const instant = this.leadInstant();
    if (instant === null) return;
    for (const other of this.others) {
      if (!other.source) continue;
      if (this.anchoring?.sha256 === other.sha256) {
        const frame = Math.min(Math.max(0, this.anchoring.frame), other.times.length - 1);
        other.placement = {
          frame,
          deltaS: other.times[frame]! - toVideoTime(this.mappingOf(other.sha256), instant),
        };
        if (frame !== other.player.wanted) other.player.goTo(frame);
        continue;
      }
      const tVideo = toVideoTime(this.mappingOf(other.sha256), instant);
      const placement = frameAtInstant(other.times, other.lastDurationS, tVideo);
      other.placement = placement;
      if ('frame' in placement && placement.frame !== other.player.wanted) {
        other.player.goTo(placement.frame);
      }
    }
  }

  /** The case was opened: a view for each of its other videos, each waiting for its file. */
  async showCase(): Promise<void> {
    this.clear();
    const ws = this.ws;
    const record = ws.caseRecord;
    if (!record || !ws.evidence) return;
    const videos = [
      { sha256: record.evidenceSha256, fileName: record.evidenceFileName },
      ...record.addedVideos,
    ].filter((v) => v.sha256 !== ws.evidence!.sha256);
    const others = await Promise.all(
      videos.map(async (v) => {
        const other = new OtherVideo(v.sha256, v.fileName);
        other.evidence = (await ws.repository.evidence(v.sha256)) ?? null;
        return other;
      }),
    );
    if (ws.caseRecord?.id !== record.id) return;
    this.others = others;
  }

  /** No case: every other video let go. */
  clear(): void {
    for (const other of this.others) other.close();
    this.others = [];
    this.#leadTiming = null;
  }

  /**
   * "Add video to case": reads the file (its frame table and frame 0, FFmpeg on an engine of
   * its own), computes its SHA-256, then adds it to the case with its first annotation set,
   * logged, in one transaction. A file with no video, one already in the case, a fifth
   * video, or one that cannot be read gets an alert and changes nothing.
   */
  async add(file: File): Promise<void> {
    const ws = this.ws;
    const record = ws.caseRecord;
    if (!record || !ws.evidence || this.adding) return;
    if (!(await ws.ensureExaminer())) return;
    const refuse = (why: string) => {
      ws.alert = `"${file.name}" was not added to the case: ${why} Nothing was changed.`;
    };
    if (1 + record.addedVideos.length >= MAX_VIDEOS) {
      return refuse(`a case shows at most ${MAX_VIDEOS} videos side by side.`);
    }
    ws.alert = null;
    this.adding = file.name;
    const engine = new FfmpegEngine();
    let source: VideoSource | null = null;
    try {
      const hashing = hashFile(file);
      hashing.catch(() => {});
      source = await (await VideoSource.open(file, engine)).whole();
      // A file whose first frame cannot be decoded is not evidence that can be shown.
      await source.frame(frameIndex(0), -1, true);
      const sha256 = await hashing;
      const current = ws.caseRecord;
      if (!current || current.id !== record.id) throw new Error('the case was closed meanwhile.');
      const held = [current.evidenceSha256, ...current.addedVideos.map((v) => v.sha256)];
      if (held.includes(sha256)) {
        throw new Error(`this video is already in the case (SHA-256 ${sha256}).`);
      }
      const now = nowIso();
      const evidence = (await ws.repository.evidence(sha256)) ?? evidenceOf(source, sha256, now);
      const video: CaseVideo = { sha256, fileName: file.name, addedAt: now, clock: null };
      const set = firstSetOf(ws, { ...current, createdAt: now }, sha256);
      const draft = ws.writer.draft.bind(ws.writer);
      let updated = current;
      await ws.writer.writeLogged(
        [
          draft(current.id, 'video.add', { kind: 'evidence', id: sha256 }, video, file.name),
          draft(
            current.id,
            'evidence.ingest',
            { kind: 'evidence', id: sha256 },
            evidence,
            file.name,
          ),
          setCreated(ws, set),
        ],
        async (entries) => {
          updated = await ws.repository.addVideoLogged(current.id, evidence, video, set, entries);
        },
      );
      if (ws.caseRecord?.id !== current.id) return source.close();
      ws.caseRecord = { ...ws.caseRecord, addedVideos: updated.addedVideos };
      const other = new OtherVideo(sha256, file.name, engine);
      other.attach(source, evidence);
      this.others = [...this.others, other];
      this.followLead();
      void ws.refreshCases();
    } catch (error) {
      source?.close();
      engine.close();
      refuse(messageOf(error));
    } finally {
      this.adding = null;
    }
  }

  /**
   * The file of a video of the case, chosen again after the case was opened: shown only if
   * its SHA-256 is the video's; another file is refused, showing both hashes. Logged.
   */
  async open(other: OtherVideo, file: File): Promise<void> {
    const ws = this.ws;
    const record = ws.caseRecord;
    if (!record || other.opening || !(await ws.ensureExaminer())) return;
    other.opening = true;
    ws.alert = null;
    let source: VideoSource | null = null;
    try {
      const hashing = hashFile(file);
      hashing.catch(() => {});
      source = await (await VideoSource.open(file, other.engine)).whole();
      const sha256 = await hashing;
      const matches = sha256 === other.sha256;
      ws.recordAudit(
        'evidence.hash-check',
        { kind: 'evidence', id: other.sha256 },
        { fileName: file.name, size: file.size, sha256, matches },
        matches
          ? `${file.name}: SHA-256 matches the case's video ${other.fileName}`
          : `${file.name}: SHA-256 differs from the case's video ${other.fileName}; refused`,
      );
      if (!matches) {
        source.close();
        ws.alert = `This is not the video "${other.fileName}" of this case: the file you chose has SHA-256 ${sha256}, the case's video has ${other.sha256}. Nothing was opened; choose the original file.`;
        return;
      }
      if (!this.others.includes(other)) return source.close();
      other.attach(source, other.evidence);
      this.followLead();
    } catch (error) {
      source?.close();
      ws.alert = `"${file.name}" could not be opened: ${messageOf(error)}`;
    } finally {
      other.opening = false;
    }
  }

  /**
   * Makes another video the lead: it goes into the editor (its annotation sets, its DVR clock,
   * its decoder check), at the frame it shows; the lead takes its place beside it.
   */
  async makeLead(other: OtherVideo): Promise<void> {
    const ws = this.ws;
    const record = ws.caseRecord;
    const source = other.source;
    const leadSource = ws.source;
    const leadEvidence = ws.evidence;
    if (!record || !source || !leadSource || !leadEvidence || ws.opening) return;
    if (!(await ws.canLeaveCase())) return;
    const frame = other.player.wanted;
    const sets = setsOfVideo(await ws.repository.setsOf(record.id), other.sha256);
    const set = latestSet(sets);
    if (!set) {
      ws.alert = `The video "${other.fileName}" has no annotation set in this case.`;
      return;
    }
    // Its records are read first, so the video and its set change places in one step: an
    // edit made as soon as the video is the lead goes to its set, never to the last one.
    const records = await ws.readSet(set);
    if (ws.caseRecord !== record || other.source !== source || ws.source !== leadSource) return;
    // The lead's view becomes an other video's, on the lead's engine (which its file is on).
    const previous = new OtherVideo(leadEvidence.sha256, leadSource.file.name, ws.engine);
    ws.engine = other.engine;
    other.player.attach(null);
    ws.decoders.stop();
    fitViewToLead(ws, source);
    ws.player.attach(source);
    ws.source = source;
    ws.evidence = other.evidence;
    // Each sound goes with its video (decoding again only one still being decoded).
    const leadSound = new Sound();
    const leadSoundKept = leadSound.takeFrom(ws.sound);
    if (!ws.sound.takeFrom(other.sound)) ws.sound.load(source);
    other.sound.clear(); // stops a decoding not taken over
    previous.attach(leadSource, leadEvidence, leadSoundKept ? leadSound : undefined);
    this.others = this.others.map((o) => (o === other ? previous : o));
    ws.sets = sets;
    const shown = ws.showSet(set, records);
    ws.player.goTo(frame);
    ws.decoders.start(source, frame);
    await shown;
  }
}

/** A video's frame interval in seconds (its measured rate; 25 fps when it is not open). */
function frameIntervalOf(source: VideoSource | null): number {
  const rate = source?.stats.measuredFrameRate;
  return rate && rate > 0 ? 1 / rate : 0.04;
}

/** What the final file is made of: the clips' pictures, the mixed soundtrack, the title and chapters. */
export interface MuxPlan {
  /** The concat-demuxer list of the scene clips. */
  concatList: string;
  soundtrack: string;
  /** An ffmetadata file with the title and (when wanted) the chapters. */
  metadata: string;
  chapters: boolean;
  outPath: string;
}

/**
 * Joins the clips' video without re-encoding, takes the soundtrack as it is (both stream
 * copies), embeds the title and chapters, and moves the index to the front (+faststart).
 */
export function muxArgs(plan: MuxPlan): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-y', '-loglevel', 'error'],
    ...['-f', 'concat', '-safe', '0', '-i', plan.concatList],
    ...['-i', plan.soundtrack],
    ...['-f', 'ffmetadata', '-i', plan.metadata],
    ...['-map', '0:v', '-map', '1:a', '-map_metadata', '2', '-map_chapters', plan.chapters ? '2' : '-1'],
    ...['-c', 'copy', '-movflags', '+faststart', '-f', 'mp4', plan.outPath],
    ...['-progress', 'pipe:1', '-nostats'],
  ];
}

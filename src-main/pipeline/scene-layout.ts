/** A frame's size in pixels. */
export interface FrameSize {
  width: number;
  height: number;
}

/** Where a scene's text may go and how big it is, for one frame size. */
export interface SceneGeometry {
  /** Left/right margin: no text comes closer to the frame's sides. */
  marginX: number;
  /** Top of the heading. */
  top: number;
  /** Bottom of the lowest caption line. */
  captionBottom: number;
  headingMaxPx: number;
  headingMinPx: number;
  subheadingMaxPx: number;
  subheadingMinPx: number;
  captionPx: number;
  /** Padding of the caption box (drawtext's boxborderw), which also must stay in the safe area. */
  captionPad: number;
  /** Drop shadow offset of headings. */
  shadowPx: number;
}

/**
 * The safe area and text sizes of a frame. Sizes follow the frame's short side, so a 9:16 frame
 * gets the same letters as its 16:9 twin instead of ones sized for its height. Tall frames keep
 * wider side margins and lift the captions clear of the bottom fifth, where Shorts, Reels and
 * TikTok lay their own title and buttons over the video.
 */
export function sceneGeometry({ width: w, height: h }: FrameSize): SceneGeometry {
  const unit = Math.min(w, h);
  const tall = h / w >= 1.5;
  const px = (share: number, floor = 6) => Math.max(floor, Math.round(unit * share));
  const headingMaxPx = px(0.085);
  const captionPx = px(0.05);
  return {
    marginX: Math.max(2, Math.round(w * (h > w ? 0.08 : 0.06))),
    top: Math.round(h * (tall ? 0.08 : 0.06)),
    captionBottom: h - Math.round(h * (tall ? 0.2 : 0.06)),
    headingMaxPx,
    headingMinPx: Math.min(headingMaxPx, px(0.045)),
    subheadingMaxPx: px(0.055),
    subheadingMinPx: px(0.035),
    captionPx,
    captionPad: Math.max(1, Math.round(captionPx * 0.2)),
    shadowPx: Math.max(1, Math.round(headingMaxPx / 30)),
  };
}

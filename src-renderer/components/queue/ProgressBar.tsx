/** A determinate progress bar with its value exposed to assistive tech (and to tests). */
export function ProgressBar(props: { percent: number; label: string; tone?: string }) {
  const value = Math.min(100, Math.max(0, Math.floor(props.percent)));
  return (
    <div
      className={`progress progress--${props.tone ?? 'neutral'}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <div className="progress__fill" style={{ transform: `scaleX(${props.percent / 100})` }} />
    </div>
  );
}

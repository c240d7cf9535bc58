import { type Browser } from 'playwright-core';
export declare const REPO_ROOT: string;
/** The flags every browser run uses: headless, no sandbox (CI containers), nothing phoning home. */
export declare const CHROMIUM_ARGS: string[];
/**
 * The browser scripts/ensure-chromium.mjs chose (test-output/chromium-path.txt); when that has
 * not run yet, it is run now, so there is one place that decides.
 */
export declare function chromiumExecutable(): string;
/** Launches that Chromium with the standard flags. */
export declare function launchChromium(): Promise<Browser>;

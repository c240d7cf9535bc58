// Renders assets/icon.svg into every size the installers need, with Debian Chromium via
// playwright-core (no image library to install): assets/icons/NxN.png (Linux takes the folder),
// icon.ico (Windows: 16-256 as PNG entries) and icon.icns (macOS: 16-1024 as PNG entries).
// Run again only when the SVG changes; the results are committed.
/* global Buffer, document */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'assets/icon.svg');
const outDir = path.join(root, 'assets/icons');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// icns entry types holding PNG data, by pixel size (the @2x types reuse the larger bitmaps).
const ICNS_TYPES = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
  ['ic11', 32],
  ['ic12', 64],
  ['ic13', 256],
  ['ic14', 512],
];

/** An .ico file whose entries are PNGs (supported since Windows Vista). */
function buildIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

/** An .icns file: 'icns' + total length, then (type, length, PNG data) entries, lengths big-endian. */
function buildIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const svg = await fs.readFile(source, 'utf8');
const browser = await chromium.launch({ executablePath, args: ['--force-color-profile=srgb'] });
try {
  const page = await browser.newPage();
  await fs.mkdir(outDir, { recursive: true });
  const pngs = new Map();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${dataUrl}" width="${size}" height="${size}" style="display:block"></body></html>`,
    );
    await page.waitForFunction(() => document.images[0]?.complete);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    pngs.set(size, png);
    await fs.writeFile(path.join(outDir, `${size}x${size}.png`), png);
  }
  await fs.writeFile(path.join(outDir, 'icon.ico'), buildIco(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  await fs.writeFile(
    path.join(outDir, 'icon.icns'),
    buildIcns(ICNS_TYPES.map(([type, size]) => ({ type, png: pngs.get(size) }))),
  );
  console.log(`icons -> ${path.relative(root, outDir)} (${SIZES.join(', ')} px, icon.ico, icon.icns)`);
} finally {
  await browser.close();
}

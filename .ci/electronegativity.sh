#!/usr/bin/env bash
# Security lint of the Electron main process, preload and renderer with @doyensec/electronegativity.
# Fails only on findings above LOW severity that docs/desktop.md does not explain: each such
# finding needs a line in that file naming both its check id and its file.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# One tree with both sides, so the global checks (CSP, navigation limits, permission handler)
# see the main process that implements them while the renderer is scanned too.
mkdir -p "$work/src/main" "$work/src/renderer"
cp -R src-main/electron/. "$work/src/main/"
if [ -d src-renderer ]; then cp -R src-renderer/. "$work/src/renderer/"; fi
electron_version="$(node -p "require('electron/package.json').version")"

npx --no-install electronegativity -i "$work/src" -r -e "$electron_version" -o "$work/report.csv" >"$work/log.txt" 2>&1 || {
  cat "$work/log.txt"
  echo "electronegativity did not run." >&2
  exit 1
}

node - "$work/report.csv" docs/desktop.md <<'NODE'
const fs = require('node:fs');
const [reportFile, docsFile] = process.argv.slice(2);
// One CSV record per line; fields may be quoted (with "" for a quote inside).
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { field += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { fields.push(field.trim()); field = ''; }
    else field += ch;
  }
  fields.push(field.trim());
  return fields;
}
const lines = fs.readFileSync(reportFile, 'utf8').split(/\r?\n/).filter(Boolean).slice(1);
const docs = fs.existsSync(docsFile) ? fs.readFileSync(docsFile, 'utf8').split(/\r?\n/) : [];
const ABOVE_LOW = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const findings = lines.map(parseCsvLine).map(([issue, severity, confidence, file, location]) => ({
  issue, severity, confidence, file: (file || 'N/A').split(/[\\/]/).pop(), location,
}));
const unexplained = findings.filter(
  (f) => ABOVE_LOW.has(f.severity) && !docs.some((line) => line.includes(f.issue) && line.includes(f.file)),
);
for (const f of findings) {
  const mark = unexplained.includes(f) ? 'UNEXPLAINED' : ABOVE_LOW.has(f.severity) ? 'explained' : 'low';
  console.log(`${mark.padEnd(11)} ${f.severity.padEnd(8)} ${f.issue} ${f.file}:${f.location}`);
}
if (unexplained.length > 0) {
  console.error(`${unexplained.length} electronegativity finding(s) above LOW are not explained in ${docsFile} (a line naming the check and the file).`);
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), none above LOW left unexplained.`);
NODE

/** Shown when the page was opened without the access token the server printed. */
export function NoToken() {
  return (
    <main className="no-token">
      <h1>Aura Studio</h1>
      <p>
        This page needs the access key of the running engine. Open the full link that <code>aura serve</code> printed
        (it ends in <code>?token=…</code>), or start the desktop app.
      </p>
    </main>
  );
}

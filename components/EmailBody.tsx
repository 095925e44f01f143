/**
 * The email's (already sanitized) HTML in a sandboxed frame without allow-scripts, so even a
 * sanitizer miss cannot run script or reach this page. Preact escapes the srcdoc attribute.
 */
export function EmailBody({ html }: { html: string }) {
  if (!html.trim()) return null;
  const doc = `<!DOCTYPE html><meta charset="utf-8">${html}`;
  return (
    <details class="email-html">
      <summary>Original formatting</summary>
      <iframe
        sandbox=""
        srcdoc={doc}
        title="Email as sent (sandboxed)"
        referrerpolicy="no-referrer"
      />
    </details>
  );
}

/**
 * The small Markdown subset agents write (paragraphs, headings, lists, rules, code, emphasis, links) as email HTML.
 * Everything is escaped first, so a reply can never inject markup; links keep only http(s) and mailto targets.
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const emphasis = (text: string) =>
  text
    .replace(/\*\*([^*]+)\*\*|__([^_]+)__/g, (_, a?: string, b?: string) => `<strong>${a ?? b}</strong>`)
    .replace(
      /(^|[^\w*])\*([^*\n]+)\*|(^|\W)_([^_\n]+)_(?!\w)/g,
      (_, p1?: string, a?: string, p2?: string, b?: string) => `${p1 ?? p2 ?? ""}<em>${a ?? b}</em>`,
    );

/** Code spans and links are set aside first, so emphasis markers inside them (`a_b_c` in a URL) stay as written. */
function inline(text: string): string {
  const kept: string[] = [];
  // Escaped text holds no `<`, so `<n>` cannot clash with anything the author wrote.
  const keep = (html: string) => `<${kept.push(html) - 1}>`;
  const marked = escapeHtml(text)
    .replace(/`([^`]+)`/g, (_, code: string) => keep(`<code>${code}</code>`))
    .replace(/\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g, (_, label: string, url: string) =>
      keep(`<a href="${url}">${emphasis(label)}</a>`),
    );
  let html = emphasis(marked);
  // A code span inside a link label is a placeholder inside a placeholder: resolve until none is left.
  while (/<\d+>/.test(html)) html = html.replace(/<(\d+)>/g, (_, i: string) => kept[Number(i)] ?? "");
  return html;
}

type Block = { kind: "p" | "ul" | "ol" | "code"; lines: string[] };

export function markdownToHtml(markdown: string): string {
  const html: string[] = [];
  let block: Block | undefined;
  const flush = () => {
    if (!block) return;
    if (block.kind === "p") html.push(`<p>${block.lines.map(inline).join("<br>")}</p>`);
    else if (block.kind === "code")
      html.push(`<pre><code>${escapeHtml(block.lines.join("\n"))}</code></pre>`);
    else
      html.push(`<${block.kind}>${block.lines.map((l) => `<li>${inline(l)}</li>`).join("")}</${block.kind}>`);
    block = undefined;
  };
  const add = (kind: Block["kind"], line: string) => {
    if (block?.kind !== kind) flush();
    block ??= { kind, lines: [] };
    block.lines.push(line);
  };

  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (block?.kind === "code") {
      if (/^\s*```/.test(line)) flush();
      else block.lines.push(line);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    if (/^\s*```/.test(line)) {
      flush();
      block = { kind: "code", lines: [] };
    } else if (line.trim() === "") flush();
    else if (/^\s*(?:-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      flush();
      html.push("<hr>");
    } else if (heading?.[1] && heading[2] !== undefined) {
      flush();
      html.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (bullet?.[1] !== undefined) add("ul", bullet[1]);
    else if (numbered?.[1] !== undefined) add("ol", numbered[1]);
    else add("p", line.trim());
  }
  flush();
  return html.join("\n");
}
